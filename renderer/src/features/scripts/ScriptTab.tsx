import { useEffect, useState } from 'react';
import { loadTabScripts, submit, type OuterScript } from '../../api';
import { useAppStore } from '../../state';
import { Dialog } from '../../ui/Dialog';
import { ErrorBox } from '../../ui/ErrorBox';
import { JsonEditor } from '../../ui/monaco/lazy';
import { useAction } from '../../ui/use-action';
import { TrustButton } from './TrustBanner';

/** "requests/orders/_folder.js" → "orders/_folder.js": where it is among the requests. */
const shownFile = (file: string): string => file.replace(/^requests\//, '');

/**
 * A saved request's own script, in an editor with the script API's completion; the scripts that
 * also run around it (workspace, folders) are listed above it to read. Unsaved tabs are told how
 * to get a script.
 */
export function ScriptTab({ tabId }: { tabId: string }) {
  const saved = useAppStore((s) => s.tabs[tabId]?.saved);
  const root = useAppStore((s) => s.workspace?.root);
  const script = useAppStore((s) => s.tabs[tabId]?.script);
  const trusted = useAppStore((s) => (s.scriptsStatus?.root === root ? s.scriptsStatus?.trusted : undefined));
  const updateTab = useAppStore((s) => s.updateTab);
  const [outer, setOuter] = useState<OuterScript[] | undefined>();
  const [viewing, setViewing] = useState<OuterScript | undefined>();
  const action = useAction();
  const path = saved && saved.root === root ? saved.path : undefined;

  // Read when shown: the file may have changed (a pull, another editor); edits in the tab stay.
  useEffect(() => {
    if (path === undefined) return;
    let live = true;
    void action.run(async () => {
      const files = await loadTabScripts(tabId);
      if (live) setOuter(files);
    });
    return () => {
      live = false;
    };
    // action.run is stable in behaviour; re-running on its identity would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tabId, path]);

  if (path === undefined)
    return (
      <div className="script-tab">
        <p className="hint" data-testid="script-unsaved">
          Scripts belong to saved requests of a workspace. Save this request into an open workspace (Ctrl+S, or Save in
          the tab menu) to give it a script that runs before and after its calls.
        </p>
      </div>
    );
  const setText = (text: string): void => {
    const current = useAppStore.getState().tabs[tabId]?.script;
    updateTab(tabId, { script: { text, saved: current?.saved ?? '' } });
  };
  return (
    <div className="script-tab">
      <div className="script-outer" data-testid="script-outer">
        <span className="hint">
          {outer?.length ? 'Also runs, first:' : 'No workspace or folder scripts run around it.'}
        </span>
        {outer?.map((f) => (
          <button key={f.file} type="button" className="link" title={`Show ${f.file}`} onClick={() => setViewing(f)}>
            {shownFile(f.file)}
          </button>
        ))}
        <span className="spacer" />
        <span className="hint">requests/{path}.js</span>
      </div>
      {trusted === false && (
        <p className="script-untrusted" role="note">
          This folder is not trusted: its scripts do not run yet. <TrustButton />
        </p>
      )}
      {action.error && <ErrorBox title="The scripts could not be read" error={action.error} />}
      {script ? (
        <JsonEditor
          documentId={tabId}
          language="javascript"
          value={script.text}
          onChange={setText}
          onSubmit={() => submit(tabId)}
          ariaLabel="Request script"
          testId="script-editor"
        />
      ) : (
        <p className="hint">Reading the script…</p>
      )}
      {viewing && (
        <Dialog title={viewing.file} onClose={() => setViewing(undefined)} dismissLabel="Close" wide>
          <div className="script-view">
            <JsonEditor
              documentId={`script:${viewing.file}`}
              language="javascript"
              value={viewing.text}
              readOnly
              ariaLabel={`Script ${viewing.file}`}
              testId="script-viewer"
            />
          </div>
        </Dialog>
      )}
    </div>
  );
}
