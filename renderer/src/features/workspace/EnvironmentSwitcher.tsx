import { useShallow } from 'zustand/react/shallow';
import { selectEnvironment } from '../../api';
import { useAppStore } from '../../state';
import { EnvironmentEditor } from './EnvironmentEditor';
import { useAction } from '../../ui/use-action';

/** The header's environment choice for the open workspace, one click away, and its editor. */
export function EnvironmentSwitcher() {
  const open = useAppStore((s) => s.workspace !== undefined);
  const names = useAppStore(useShallow((s) => s.workspace?.environments.map((e) => e.name) ?? []));
  const active = useAppStore((s) => s.workspace?.activeEnvironment ?? null);
  // In the store, so the palette opens it too.
  const editing = useAppStore((s) => s.windowDialog === 'environments');
  const setWindowDialog = useAppStore((s) => s.setWindowDialog);
  const setEditing = (open: boolean): void => setWindowDialog(open ? 'environments' : undefined);
  const action = useAction();
  if (!open) return null;
  return (
    <div className="ws-env-switcher">
      <label className="field">
        <span>Environment</span>
        <select
          aria-label="Environment"
          value={active ?? ''}
          onChange={(e) => void action.run(() => selectEnvironment(e.target.value || null))}
        >
          <option value="">No environment</option>
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
          {active && !names.includes(active) && <option value={active}>{active} (missing)</option>}
        </select>
      </label>
      <button
        type="button"
        aria-haspopup="dialog"
        aria-label="Edit environments"
        onClick={() => setEditing(true)}
        title="Edit environments and variables"
      >
        Edit…
      </button>
      {action.error && (
        <span className="error-text" role="alert">
          {action.error.message}
        </span>
      )}
      {editing && <EnvironmentEditor onClose={() => setEditing(false)} />}
    </div>
  );
}
