import { useEffect, useState } from 'react';
import { forgetScriptValues, scriptValues } from '../../api';
import { useAppStore } from '../../state';
import { ErrorBox } from '../../ui/ErrorBox';
import { useAction } from '../../ui/use-action';

/**
 * The values scripts stored with env.set for an environment: kept for this user outside the
 * workspace (so never committed), read-only here, and forgotten on request.
 */
export function ScriptValues({ environment }: { environment: string }) {
  const root = useAppStore((s) => s.workspace?.root);
  // Calls that finish may have set values: read again when one ends.
  const finished = useAppStore((s) =>
    Object.values(s.tabs)
      .map((t) => (t.call?.phase === 'finished' ? t.call.callId : ''))
      .join(),
  );
  const [values, setValues] = useState<Record<string, string> | undefined>();
  const action = useAction();
  useEffect(() => {
    if (!root) return;
    let live = true;
    void action.run(async () => {
      const read = await scriptValues(root, environment);
      if (live) setValues(read);
    });
    return () => {
      live = false;
    };
    // action.run is stable in behaviour; re-running on its identity would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [root, environment, finished]);
  const entries = Object.entries(values ?? {});
  if (!root || (entries.length === 0 && !action.error)) return null;
  return (
    <section className="script-values" aria-label={`Values scripts set in ${environment}`}>
      <header className="toolbar">
        <strong>Set by scripts</strong>
        <span className="hint">env.set values, kept on this computer, never in the workspace</span>
        <span className="spacer" />
        <button
          type="button"
          disabled={action.busy}
          onClick={() =>
            void action.run(async () => {
              await forgetScriptValues(root, environment);
              setValues({});
            })
          }
        >
          Forget
        </button>
      </header>
      <table className="metadata-list">
        <tbody>
          {entries.map(([name, value]) => (
            <tr key={name}>
              <th>{name}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {action.error && <ErrorBox title="The values scripts set could not be read" error={action.error} />}
    </section>
  );
}
