import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AppError } from '../../../shared/model/errors';
import {
  ENVIRONMENTS_DIR,
  ItemNameSchema,
  ItemPathSchema,
  REQUESTS_DIR,
  WORKSPACE_FILE,
} from '../../../shared/model/workspace';
import { formatPath } from '../../../shared/workspace/json-file';

/** Where each kind of file lives in a workspace folder. Item paths are '/'-separated. */
export function checkItemPath(path: string): string {
  const r = ItemPathSchema.safeParse(path);
  if (!r.success) throw new AppError('VALIDATION', `Invalid path: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return path;
}

export function checkName(name: string, what: string): string {
  const r = ItemNameSchema.safeParse(name);
  if (!r.success)
    throw new AppError('VALIDATION', `Invalid ${what} name '${name}': ${r.error.issues[0]?.message ?? formatPath([])}`);
  return name;
}

export const workspaceFilePath = (root: string) => join(root, WORKSPACE_FILE);
export const requestsDir = (root: string) => join(root, REQUESTS_DIR);
export const environmentsDir = (root: string) => join(root, ENVIRONMENTS_DIR);
export const folderPath = (root: string, path: string) => join(requestsDir(root), ...checkItemPath(path).split('/'));
export const requestFilePath = (root: string, path: string) => `${folderPath(root, path)}.json`;
export const environmentFilePath = (root: string, name: string) =>
  join(environmentsDir(root), `${checkName(name, 'environment')}.json`);

/** A file's path relative to the workspace, '/'-separated, for messages and problems. */
export function displayPath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

/** What a changed file is, or undefined for files Loupe does not own (README, temp files...). */
export type FileRole =
  | { kind: 'workspace' }
  | { kind: 'request'; path: string }
  | { kind: 'folder'; path: string }
  | { kind: 'environment'; name: string };

export function roleOf(root: string, file: string, isDirectory: boolean): FileRole | undefined {
  const rel = displayPath(root, file);
  const parts = rel.split('/');
  if (parts.some((p) => p.startsWith('.'))) return undefined; // temp files of atomic writes, .git
  if (rel === WORKSPACE_FILE) return { kind: 'workspace' };
  if (parts[0] === REQUESTS_DIR && parts.length > 1) {
    const path = parts.slice(1).join('/');
    if (isDirectory) return { kind: 'folder', path };
    if (path.endsWith('.json')) return { kind: 'request', path: path.slice(0, -'.json'.length) };
  }
  if (parts[0] === ENVIRONMENTS_DIR && parts.length === 2 && parts[1]!.endsWith('.json') && !isDirectory) {
    return { kind: 'environment', name: parts[1]!.slice(0, -'.json'.length) };
  }
  return undefined;
}

/** Relative paths in a workspace (protos, certificates) resolve against the workspace folder. */
export function resolveFromRoot(root: string, path: string): string {
  return isAbsolute(path) ? path : resolve(root, path);
}
