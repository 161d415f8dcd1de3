import { useState } from 'react';
import { toBufCurlCommand } from '../../../../shared/workspace/buf-curl';
import { toGrpcurlCommand, toLoupeCommand } from '../../../../shared/workspace/commands';
import { saveTab } from '../../api';
import { useAppStore } from '../../state';
import { ErrorBox } from '../../ui/ErrorBox';
import { Menu } from '../../ui/Menu';
import { PasteCommandDialog } from './PasteCommandDialog';
import { resolvedFromTab } from './request-commands';
import { useAction } from '../../ui/use-action';

const COMMANDS = {
  loupe: { name: 'loupe call', make: toLoupeCommand },
  grpcurl: { name: 'grpcurl', make: toGrpcurlCommand },
  buf: { name: 'buf curl', make: toBufCurlCommand },
};

/** The request's "⋯" menu: save, copy it as a command, or make a tab from a pasted command. */
export function RequestMenu() {
  const hasMethod = useAppStore((s) => Boolean(s.tabs[s.activeTabId]?.method));
  const hasWorkspace = useAppStore((s) => s.workspace !== undefined);
  const [pasting, setPasting] = useState(false);
  const [copied, setCopied] = useState<string | undefined>();
  const action = useAction();

  const copy = (kind: keyof typeof COMMANDS) =>
    void action.run(async () => {
      const s = useAppStore.getState();
      const tab = s.tabs[s.activeTabId];
      if (!tab?.method) return;
      const environment = s.workspace?.environments.find((e) => e.name === s.workspace?.activeEnvironment);
      const request = resolvedFromTab(tab, environment);
      // A tool that cannot carry the request's protocol refuses, saying which one can.
      await navigator.clipboard.writeText(COMMANDS[kind].make(request));
      setCopied(`${COMMANDS[kind].name} command copied`);
      setTimeout(() => setCopied(undefined), 2500);
    });

  return (
    <>
      <Menu
        label="Request actions"
        className="ws-request-menu"
        items={[
          {
            label: hasWorkspace ? 'Save (Ctrl+S)' : 'Save… (open a workspace first)',
            onSelect: () => void action.run(() => saveTab()),
            disabled: !hasMethod,
          },
          {
            label: 'Save as…',
            onSelect: () => {
              const s = useAppStore.getState();
              if (s.workspace) s.setSaveAsTabId(s.activeTabId);
              else s.setSidebarView('collections');
            },
            disabled: !hasMethod,
          },
          { label: 'Copy as loupe call', onSelect: () => copy('loupe'), disabled: !hasMethod },
          { label: 'Copy as grpcurl', onSelect: () => copy('grpcurl'), disabled: !hasMethod },
          { label: 'Copy as buf curl', onSelect: () => copy('buf'), disabled: !hasMethod },
          { label: 'Paste grpcurl command…', onSelect: () => setPasting(true) },
        ]}
      />
      {copied && (
        <span className="ws-copied" role="status">
          {copied}
        </span>
      )}
      {action.error && (
        <div className="ws-request-menu-error">
          <ErrorBox error={action.error} />
          <button type="button" onClick={action.clear}>
            Dismiss
          </button>
        </div>
      )}
      {pasting && <PasteCommandDialog onClose={() => setPasting(false)} />}
    </>
  );
}
