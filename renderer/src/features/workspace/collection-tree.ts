import { enclosingFolders, folderOf, itemName, type SavedRequest } from '../../../../shared/model/workspace';

export interface FolderNode {
  kind: 'folder';
  path: string;
  name: string;
  children: TreeNode[];
}
export interface RequestNode {
  kind: 'request';
  path: string;
  name: string;
  method: string;
}
export type TreeNode = FolderNode | RequestNode;

/**
 * The collection as a tree: folders first, then requests, each by name (case-insensitive).
 * Folders that only exist as a request's parent are made up, so a hand-written file shows.
 */
export function buildCollectionTree(folders: string[], requests: Record<string, SavedRequest>): TreeNode[] {
  const root: FolderNode = { kind: 'folder', path: '', name: '', children: [] };
  const byPath = new Map<string, FolderNode>([['', root]]);
  const folder = (path: string): FolderNode => {
    const known = byPath.get(path);
    if (known) return known;
    const parent = folder(folderOf(path));
    const node: FolderNode = { kind: 'folder', path, name: itemName(path), children: [] };
    parent.children.push(node);
    byPath.set(path, node);
    return node;
  };
  for (const path of folders) folder(path);
  for (const [path, request] of Object.entries(requests)) {
    const parent = folder(folderOf(path));
    parent.children.push({ kind: 'request', path, name: itemName(path), method: request.method });
  }
  const sort = (node: FolderNode): void => {
    node.children.sort((a, b) =>
      a.kind === b.kind
        ? a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })
        : a.kind === 'folder'
          ? -1
          : 1,
    );
    for (const child of node.children) if (child.kind === 'folder') sort(child);
  };
  sort(root);
  return root.children;
}

/** Every folder path, sorted, for "Move to" and "Save in" choices ('' is the top level). */
export function folderChoices(folders: string[], requests: Record<string, SavedRequest>): string[] {
  const all = new Set<string>(['']);
  for (const path of folders) for (const f of [...enclosingFolders(path), path]) all.add(f);
  for (const path of Object.keys(requests)) for (const f of enclosingFolders(path)) all.add(f);
  return [...all].sort((a, b) => a.localeCompare(b));
}
