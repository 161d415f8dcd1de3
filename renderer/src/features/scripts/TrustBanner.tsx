import { trustWorkspace } from '../../api';
import { useAppStore } from '../../state';
import { ErrorBox } from '../../ui/ErrorBox';
import { useAction } from '../../ui/use-action';

/** Trusts the open workspace's folder, so its scripts run from the next call on. */
export function TrustButton() {
  const action = useAction();
  return (
    <>
      <button type="button" className="primary" disabled={action.busy} onClick={() => void action.run(trustWorkspace)}>
        Trust this folder
      </button>
      {action.error && <ErrorBox title="The folder could not be trusted" error={action.error} />}
    </>
  );
}

/**
 * Said once a workspace with scripts is open but its folder is not trusted: a workspace may come
 * from anyone's git repository, so nothing in it runs until its user says so.
 */
export function TrustBanner() {
  const status = useAppStore((s) => s.scriptsStatus);
  const root = useAppStore((s) => s.workspace?.root);
  const dismissed = useAppStore((s) => (root ? s.trustBannerDismissed.includes(root) : false));
  const dismiss = useAppStore((s) => s.dismissTrustBanner);
  if (!root || status?.root !== root || status.trusted || status.files.length === 0 || dismissed) return null;
  const count = status.files.length;
  return (
    <div className="trust-banner" role="region" aria-label="Workspace scripts">
      <p>
        This workspace has {count} script {count === 1 ? 'file' : 'files'}. Loupe runs a workspace&apos;s scripts only
        once you trust its folder; until then its requests are sent without them.
      </p>
      <p className="hint" title={status.files.join('\n')}>
        {status.files.join(', ')}
      </p>
      <div className="trust-actions">
        <TrustButton />
        <button type="button" onClick={() => dismiss(root)}>
          Not now
        </button>
      </div>
    </div>
  );
}
