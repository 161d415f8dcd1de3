import { saveTabAs } from '../../api';
import { useAppStore } from '../../state';
import { ErrorBox } from '../../ui/ErrorBox';
import { Dialog } from '../../ui/Dialog';
import { useAction } from '../../ui/use-action';

/**
 * Asks what to do when Ctrl/Cmd+S was refused because the file changed on disk since the tab
 * read it: overwrite it, or keep the edits unsaved in the tab. Either way nothing is lost unasked.
 */
export function SaveConflictHost() {
  const conflict = useAppStore((s) => s.saveConflict);
  const action = useAction();
  if (!conflict) return null;
  const close = () => useAppStore.getState().setSaveConflict(undefined);
  const overwrite = async () => {
    if (await action.run(() => saveTabAs(conflict.tabId, conflict.path, true))) close();
  };
  return (
    <Dialog
      title="Changed on disk"
      onClose={close}
      onSubmit={() => void overwrite()}
      actions={
        <button type="submit" className="primary danger-primary" disabled={action.busy}>
          Overwrite
        </button>
      }
    >
      <p className="ws-confirm-text">
        {conflict.message} Overwrite replaces the file with this tab; Cancel keeps your edits in the tab, unsaved, and
        the file as it is.
      </p>
      {action.error && <ErrorBox error={action.error} />}
    </Dialog>
  );
}
