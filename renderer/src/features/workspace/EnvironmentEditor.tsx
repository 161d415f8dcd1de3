import { useState } from 'react';
import { toErrorData } from '../../../../shared/model/errors';
import { deleteEnvironment, reloadEnvironments, saveEnvironment, setSecret } from '../../api';
import { useAppStore } from '../../state';
import { ErrorBox } from '../../ui/ErrorBox';
import { ScriptValues } from './ScriptValues';
import { ConfirmDialog, Dialog } from '../../ui/Dialog';
import {
  checkEnvironmentName,
  draftKey,
  draftAfterSave,
  draftOf,
  environmentFromDraft,
  followEnvironment,
  secretsToStore,
  sourceLabel,
  type EnvironmentDraft,
  type VariableDraft,
} from './environment-form';
import { useAction } from '../../ui/use-action';

const NONE: never[] = [];
const emptyRow = (): VariableDraft => ({ key: draftKey(), name: '', value: '', secret: false, newSecret: '' });

/**
 * Add and remove environments and their variables. A secret variable's value is typed here and
 * stored outside the workspace (never shown again); the editor says where each secret comes from.
 */
export function EnvironmentEditor({ onClose }: { onClose: () => void }) {
  const environments = useAppStore((s) => s.workspace?.environments ?? NONE);
  const active = useAppStore((s) => s.workspace?.activeEnvironment ?? null);
  const [editor, setEditor] = useState<EnvironmentDraft>(() => {
    const name = active ?? environments[0]?.name;
    return draftOf(
      name,
      environments.find((e) => e.name === name),
    );
  });
  const selected = editor.name;
  const draft = editor.variables;
  /** Edits not saved yet: leaving then discards them ("Cancel"); otherwise the dialog just closes. */
  const edited = editor.edited;
  const view = environments.find((e) => e.name === selected);
  // The file changed on disk (or was read again): a draft without edits shows it (see followEnvironment).
  const followed = followEnvironment(editor, view);
  if (followed !== editor) setEditor(followed);
  const [newName, setNewName] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  /** The save was refused because the file changed on disk since the draft was read: the engine's message. */
  const [conflict, setConflict] = useState<string | undefined>();
  const action = useAction();
  const change = (next: (d: VariableDraft[]) => VariableDraft[]) =>
    setEditor((e) => ({ ...e, variables: next(e.variables), edited: true }));

  const select = (name: string | undefined) => {
    setEditor(
      draftOf(
        name,
        environments.find((e) => e.name === name),
      ),
    );
    setConflict(undefined);
    action.clear();
  };
  const edit = (key: string, patch: Partial<VariableDraft>) =>
    change((d) => d.map((v) => (v.key === key ? { ...v, ...patch } : v)));

  const add = () =>
    void action.run(async () => {
      checkEnvironmentName(
        newName,
        environments.map((e) => e.name),
      );
      const name = newName.trim();
      // null: refused if a file of that name appeared on disk meanwhile.
      const version = await saveEnvironment(name, { version: 1, variables: [] }, null);
      setNewName('');
      setEditor({ name, variables: [emptyRow()], baseVersion: version, edited: false, proxy: '' });
    });
  /** Saves the draft over the version it came from; `overwrite`: over whatever the file holds now. */
  const save = (overwrite = false) =>
    void action.run(async () => {
      if (!selected) return;
      const savedProxy = editor.proxy;
      const baseVersion = overwrite ? undefined : (editor.baseVersion ?? null);
      let version: string;
      try {
        version = await saveEnvironment(
          selected,
          environmentFromDraft(draft, view?.environment, selected, savedProxy),
          baseVersion,
        );
      } catch (error) {
        const data = toErrorData(error);
        if (data.code !== 'CONFLICT') throw error;
        // The user decides: overwrite, reload the file (dropping the edits), or keep editing.
        setConflict(data.message);
        return;
      }
      setConflict(undefined);
      for (const secret of secretsToStore(draft)) await setSecret(selected, secret.name, secret.value);
      const readBack = useAppStore.getState().workspace?.environments.find((e) => e.name === selected);
      setEditor((current) => draftAfterSave(current, selected, draft, version, readBack, savedProxy));
    });
  /** Drops the edits and shows the environment as it is on disk now. */
  const reload = () =>
    void action.run(async () => {
      await reloadEnvironments();
      setConflict(undefined);
      setEditor(
        draftOf(
          selected,
          useAppStore.getState().workspace?.environments.find((e) => e.name === selected),
        ),
      );
    });

  // The dialogs opened from this one are its siblings, not inside its form: a form in a form does not submit.
  return (
    <>
      <Dialog
        title="Environments"
        wide
        onClose={onClose}
        onSubmit={() => save()}
        dismissLabel={edited ? 'Cancel' : 'Close'}
        actions={
          <button type="submit" className="primary" disabled={!selected || action.busy}>
            Save
          </button>
        }
      >
        <div className="ws-env-editor">
          <nav className="ws-env-list" aria-label="Environments">
            {environments.map((e) => (
              <button
                key={e.name}
                type="button"
                className={e.name === selected ? 'selected' : undefined}
                aria-current={e.name === selected}
                onClick={() => select(e.name)}
              >
                {e.name}
              </button>
            ))}
            <div className="ws-env-add">
              <input
                aria-label="New environment name"
                placeholder="New environment"
                value={newName}
                onChange={(e) => setNewName(e.target.value)}
                onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), add())}
              />
              <button type="button" onClick={add} disabled={!newName.trim()}>
                Add
              </button>
            </div>
          </nav>
          <div className="ws-env-vars">
            {!selected ? (
              <p className="hint">Add an environment to define variables such as {'{{addr}}'}.</p>
            ) : (
              <>
                <label className="ws-env-proxy">
                  Proxy for this environment
                  <input
                    value={editor.proxy}
                    placeholder='http://user:{{proxyPassword}}@proxy:3128, or "none"'
                    onChange={(e) => setEditor((d) => ({ ...d, proxy: e.target.value, edited: true }))}
                    spellCheck={false}
                  />
                  <span className="hint">
                    For targets without a proxy of their own; when empty, HTTPS_PROXY / NO_PROXY or the system's.
                  </span>
                </label>
                <table className="ws-var-table" aria-label={`Variables of ${selected}`}>
                  <thead>
                    <tr>
                      <th>Name</th>
                      <th>Value</th>
                      <th>Secret</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {draft.map((v, i) => (
                      <tr key={v.key}>
                        <td>
                          <input
                            aria-label={`Variable ${i + 1} name`}
                            value={v.name}
                            onChange={(e) => edit(v.key, { name: e.target.value })}
                            spellCheck={false}
                          />
                        </td>
                        <td>
                          {v.secret ? (
                            <>
                              <input
                                type="password"
                                aria-label={`Variable ${i + 1} secret value`}
                                placeholder="type to set a new value"
                                value={v.newSecret}
                                onChange={(e) => edit(v.key, { newSecret: e.target.value })}
                                autoComplete="off"
                              />
                              <span
                                className={`ws-secret-source ws-secret-${v.newSecret ? 'pending' : (v.source ?? 'new')}`}
                              >
                                {sourceLabel(v)}
                              </span>
                            </>
                          ) : (
                            <input
                              aria-label={`Variable ${i + 1} value`}
                              value={v.value}
                              onChange={(e) => edit(v.key, { value: e.target.value })}
                              spellCheck={false}
                            />
                          )}
                        </td>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={`Variable ${i + 1} is secret`}
                            checked={v.secret}
                            onChange={(e) => edit(v.key, { secret: e.target.checked, value: '' })}
                          />
                        </td>
                        <td>
                          <button
                            type="button"
                            aria-label={`Remove variable ${i + 1}`}
                            title="Remove variable"
                            onClick={() => change((d) => d.filter((x) => x.key !== v.key))}
                          >
                            ×
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <div className="toolbar">
                  <button type="button" onClick={() => change((d) => [...d, emptyRow()])}>
                    Add variable
                  </button>
                  <span className="spacer" />
                  <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
                    Delete environment
                  </button>
                </div>
                <ScriptValues environment={selected} />
              </>
            )}
            {action.error && <ErrorBox error={action.error} />}
          </div>
        </div>
      </Dialog>
      {conflict && selected && (
        <Dialog
          title="Changed on disk"
          onClose={() => setConflict(undefined)}
          onSubmit={() => save(true)}
          actions={
            <>
              <button type="button" onClick={reload} disabled={action.busy}>
                Reload from disk
              </button>
              <button type="submit" className="primary danger-primary" disabled={action.busy}>
                Overwrite
              </button>
            </>
          }
        >
          <p className="ws-confirm-text">
            {conflict} Overwrite replaces the file with your edits; Reload from disk drops your edits and shows the
            file; Cancel keeps your edits here, unsaved, and the file as it is.
          </p>
          {action.error && <ErrorBox error={action.error} />}
        </Dialog>
      )}
      {confirmDelete && selected && (
        <ConfirmDialog
          title="Delete environment"
          message={`Delete the environment '${selected}' from disk? Its stored secrets stay on this computer.`}
          confirm="Delete"
          onConfirm={() =>
            void action.run(() => deleteEnvironment(selected)).then(() => (setConfirmDelete(false), select(undefined)))
          }
          onClose={() => setConfirmDelete(false)}
        />
      )}
    </>
  );
}
