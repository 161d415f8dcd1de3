import { Download, FolderOpen, FolderPlus, Upload, X } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  closeWorkspace,
  createFolder,
  deleteItem,
  duplicateItem,
  exportCollection,
  importCollection,
  moveItem,
  renameItem,
} from '../../api';
import { folderOf, isAtOrInside, itemName } from '../../../../shared/model/workspace';
import { useAppStore } from '../../state';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorBox } from '../../ui/ErrorBox';
import { Kbd } from '../../ui/Kbd';
import { buildCollectionTree, folderChoices } from './collection-tree';
import { TreeList, type ItemAction } from './CollectionTree';
import { ConfirmDialog } from '../../ui/Dialog';
import { chooseTextFile, downloadFile } from '../../ui/files';
import { FolderDialog, NameDialog } from './ItemDialogs';
import { OpenWorkspace } from './OpenWorkspace';
import { ProblemsList } from './ProblemsList';
import { useAction } from '../../ui/use-action';

/** The open workspace's collection: a folder tree of saved requests, with what can be done to them. */
export function CollectionsView() {
  const root = useAppStore((s) => s.workspace?.root);
  const name = useAppStore((s) => s.workspace?.settings.name);
  const problems = useAppStore(useShallow((s) => s.workspace?.problems ?? []));
  const folders = useAppStore(useShallow((s) => s.workspace?.folders ?? []));
  const requests = useAppStore((s) => s.workspace?.requests);
  const tree = useMemo(() => buildCollectionTree(folders, requests ?? {}), [folders, requests]);
  const [dialog, setDialog] = useState<ItemAction | undefined>();
  const action = useAction();

  if (!root) return <OpenWorkspace />;

  const exportTo = (folder: string) =>
    void action.run(async () =>
      downloadFile(
        `${itemName(folder || root) || 'collection'}.loupe-collection.json`,
        [await exportCollection(folder || undefined)],
        'application/json',
      ),
    );
  const importInto = (folder: string) =>
    void action.run(async () => {
      const text = await chooseTextFile();
      if (text !== undefined) await importCollection(text, folder || undefined);
    });
  const onAction = (a: ItemAction) => {
    if (a.kind === 'duplicate') void action.run(() => duplicateItem(a.path));
    else if (a.kind === 'export') exportTo(a.path);
    else if (a.kind === 'import') importInto(a.path);
    else setDialog(a);
  };
  const close = () => setDialog(undefined);
  const choices = folderChoices(folders, requests ?? {});

  return (
    <section className="ws-collections" aria-label="Collections">
      <header className="ws-header">
        <div className="ws-title" title={root}>
          <strong>{name ?? itemName(root)}</strong>
          <span className="ws-root">{root}</span>
        </div>
        <div className="ws-header-actions">
          <Button
            size="sm"
            icon={<FolderPlus />}
            onClick={() => setDialog({ kind: 'new-folder', path: '', folder: true })}
          >
            New folder
          </Button>
          <Button size="sm" icon={<Upload />} onClick={() => importInto('')} title="Import a collection file">
            Import
          </Button>
          <Button size="sm" icon={<Download />} onClick={() => exportTo('')} title="Export the collection to a file">
            Export
          </Button>
          <Button
            size="sm"
            variant="ghost"
            icon={<X />}
            onClick={closeWorkspace}
            title="Close the workspace (its files stay on disk)"
          >
            Close
          </Button>
        </div>
      </header>
      <ProblemsList problems={problems} />
      {action.error && <ErrorBox error={action.error} />}
      {tree.length === 0 ? (
        <EmptyState compact icon={<FolderOpen size={18} />} title="No saved requests yet">
          <p>
            Open a method and press <Kbd keys="Mod+S" /> to save it here.
          </p>
        </EmptyState>
      ) : (
        <TreeList nodes={tree} depth={0} onAction={onAction} />
      )}
      {dialog?.kind === 'new-folder' && (
        <NameDialog
          title="New folder"
          label={dialog.path ? `Folder name (in ${dialog.path})` : 'Folder name'}
          submit="Create"
          onName={(n) => createFolder(dialog.path ? `${dialog.path}/${n}` : n)}
          onClose={close}
        />
      )}
      {dialog?.kind === 'rename' && (
        <NameDialog
          title={`Rename ${itemName(dialog.path)}`}
          label="New name"
          initial={itemName(dialog.path)}
          submit="Rename"
          onName={(n) => renameItem(dialog.path, n)}
          onClose={close}
        />
      )}
      {dialog?.kind === 'move' && (
        <FolderDialog
          title={`Move ${itemName(dialog.path)}`}
          folders={choices.filter((f) => !dialog.folder || !isAtOrInside(f, dialog.path))}
          initial={folderOf(dialog.path)}
          submit="Move"
          onFolder={(f) => moveItem(dialog.path, f)}
          onClose={close}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={dialog.folder ? 'Delete folder' : 'Delete request'}
          message={
            dialog.folder
              ? `Delete the folder '${dialog.path}' and every request in it from disk?`
              : `Delete the request '${dialog.path}' from disk?`
          }
          confirm="Delete"
          onConfirm={() => void action.run(() => deleteItem(dialog.path)).then(close)}
          onClose={close}
        />
      )}
    </section>
  );
}
