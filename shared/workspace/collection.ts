import { AppError } from '../model/errors';
import {
  COLLECTION_EXPORT_KIND,
  CollectionExportSchema,
  WORKSPACE_FORMAT_VERSION,
  type CollectionExport,
  type SavedRequest,
  type WorkspaceFile,
} from '../model/workspace';
import { formatJson, parseFile } from './json-file';

export interface CollectionContent {
  targets: WorkspaceFile['targets'];
  folders: string[];
  requests: Array<{ path: string; request: SavedRequest }>;
}

/**
 * One JSON file holding a collection's folders, requests and the named targets they use.
 * Environments are not included: they hold per-person values and secrets.
 */
export function exportCollection(content: CollectionContent): string {
  const used = new Set(content.requests.map((r) => r.request.target).filter((t): t is string => typeof t === 'string'));
  const targets = Object.fromEntries(Object.entries(content.targets).filter(([name]) => used.has(name)));
  const doc: CollectionExport = {
    kind: COLLECTION_EXPORT_KIND,
    version: WORKSPACE_FORMAT_VERSION,
    targets,
    folders: [...content.folders].sort(),
    requests: [...content.requests].sort((a, b) => a.path.localeCompare(b.path)),
  };
  return formatJson(doc);
}

/**
 * Reads an exported collection and places it under `into` (a folder path, '' for the top).
 * Paths that already exist in `existing` get a ' (2)', ' (3)'... suffix instead of overwriting.
 */
export function importCollection(
  text: string,
  into: string,
  existing: ReadonlySet<string>,
  file = 'the collection file',
): CollectionContent {
  const doc = parseFile(CollectionExportSchema, text, file);
  const prefix = into ? `${into.replace(/\/+$/, '')}/` : '';
  const taken = new Set(existing);
  const requests = doc.requests.map(({ path, request }) => {
    const target = `${prefix}${path}`;
    const free = freePath(target, taken);
    taken.add(free);
    return { path: free, request };
  });
  const folders = doc.folders.map((f) => `${prefix}${f}`);
  if (!requests.length && !folders.length) throw new AppError('VALIDATION', `${file}: the collection is empty`);
  return { targets: doc.targets, folders, requests };
}

/** `path`, or `path (2)`, `path (3)`... whichever is not taken. */
export function freePath(path: string, taken: ReadonlySet<string>): string {
  if (!taken.has(path)) return path;
  for (let n = 2; ; n++) {
    const candidate = `${path} (${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}
