import { RefreshCw, Settings } from 'lucide-react';
import type { FormEvent } from 'react';
import { PROTOCOL_LABELS, type TargetSettingsInput } from '../../../../shared/model/target';
import { loadSchema } from '../../api';
import { activeSchema, activeTarget, useAppStore } from '../../state';
import { Button } from '../../ui/Button';
import { IconButton } from '../../ui/IconButton';
import { Spinner } from '../../ui/Spinner';
import { ConnectionSettingsDialog } from './ConnectionSettingsDialog';
import { connectivityLabel, useConnectivity } from './use-connectivity';

/** 'gRPC', 'Connect · HTTP/1.1 · JSON': the wire protocol as the header shows it. */
function protocolLabel(target: TargetSettingsInput): string {
  const protocol = target.protocol ?? 'grpc';
  const parts: string[] = [PROTOCOL_LABELS[protocol]];
  if (protocol !== 'grpc' && target.httpVersion === '1.1') parts.push('HTTP/1.1');
  if (protocol === 'connect' && target.connectCodec === 'json') parts.push('JSON');
  return parts.join(' · ');
}

/**
 * The target's address, a summary of how we connect (with the insecure warning where it
 * applies), the connection settings dialog, and the button that (re)loads the schema.
 */
export function TargetBar() {
  // Everything here is the active tab's target: showing another tab shows its server.
  const address = useAppStore((s) => activeTarget(s).address);
  const tlsEnabled = useAppStore((s) => activeTarget(s).tls?.enabled ?? false);
  const mtls = useAppStore((s) => Boolean(activeTarget(s).tls?.enabled && activeTarget(s).tls?.certPath));
  const insecure = useAppStore((s) => Boolean(activeTarget(s).tls?.enabled && activeTarget(s).tls?.insecureSkipVerify));
  const protocol = useAppStore((s) => protocolLabel(activeTarget(s)));
  const loading = useAppStore((s) => activeSchema(s).status === 'loading');
  const setTarget = useAppStore((s) => s.setTarget);
  const connectivity = useAppStore((s) => s.connectivity);
  // In the store, so Ctrl+, and the palette open it too.
  const settingsOpen = useAppStore((s) => s.windowDialog === 'connection-settings');
  const setWindowDialog = useAppStore((s) => s.setWindowDialog);
  const setSettingsOpen = (open: boolean): void => setWindowDialog(open ? 'connection-settings' : undefined);
  useConnectivity();

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void loadSchema(true);
  };

  return (
    <>
      <form className="target-bar" onSubmit={onSubmit} aria-label="Target">
        <label className="field">
          <span>Server</span>
          <input
            aria-label="Server address"
            value={address}
            placeholder="host:port"
            spellCheck={false}
            onChange={(e) => setTarget({ address: e.target.value })}
          />
        </label>
        <span className={`transport-badge ${tlsEnabled ? 'transport-tls' : ''}`} data-testid="transport-badge">
          {mtls ? 'mTLS' : tlsEnabled ? 'TLS' : 'Plaintext'}
        </span>
        <span className="transport-badge" data-testid="protocol-badge" title="Wire protocol (Connection settings)">
          {protocol}
        </span>
        {connectivity && (
          <span
            className={`connectivity connectivity-${connectivity.toLowerCase()}`}
            data-testid="connectivity"
            role="status"
            title={`Channel: ${connectivityLabel(connectivity)}`}
          >
            {connectivityLabel(connectivity)}
          </span>
        )}
        {insecure && (
          <span
            className="insecure-warning"
            data-testid="insecure-warning"
            title="The server's certificate is not verified"
          >
            ⚠ Insecure<span className="insecure-detail">: certificate not verified</span>
          </span>
        )}
        <IconButton
          label="Connection settings"
          hint="Connection settings: TLS, protocol, schema source (Ctrl+,)"
          icon={<Settings />}
          variant="secondary"
          aria-haspopup="dialog"
          onClick={() => setSettingsOpen(true)}
        />
        <Button
          type="submit"
          disabled={loading || !address.trim()}
          icon={loading ? <Spinner size={14} /> : <RefreshCw />}
          title="Load the server's schema"
        >
          {loading ? 'Loading…' : 'Reflect'}
        </Button>
      </form>
      {settingsOpen && <ConnectionSettingsDialog onClose={() => setSettingsOpen(false)} />}
    </>
  );
}
