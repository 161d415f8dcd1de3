import { useShallow } from 'zustand/react/shallow';
import { saveTabAs } from '../../api';
import { shortName, useAppStore } from '../../state';
import { folderChoices } from './collection-tree';
import { SaveAsForm } from './ItemDialogs';

/** Shows "Save request" for the tab that asked for it (Ctrl+S on a tab not saved yet). */
export function SaveAsHost() {
  const tabId = useAppStore((s) => s.saveAsTabId);
  const method = useAppStore((s) => (s.saveAsTabId ? s.tabs[s.saveAsTabId]?.method : undefined));
  const folders = useAppStore(
    useShallow((s) => (s.workspace ? folderChoices(s.workspace.folders, s.workspace.requests) : [''])),
  );
  const close = () => useAppStore.getState().setSaveAsTabId(undefined);
  if (!tabId) return null;
  return (
    <SaveAsForm
      key={tabId}
      folders={folders}
      initialName={shortName(method)}
      onSave={(path) => saveTabAs(tabId, path)}
      onClose={close}
    />
  );
}
