import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/model/errors';
import {
  FOLDER_SCRIPT_NAME,
  requestScriptFile,
  scriptFiles,
  snapshotFile,
  WORKSPACE_SCRIPT_FILE,
} from '../../../shared/model/scripts';
import { REQUESTS_DIR } from '../../../shared/model/workspace';
import { writeFileAtomic } from '../fs/atomic-write';
import { FILE_KINDS, readUserText, UserFileError } from '../fs/read-user-file';
import { checkItemPath } from '../workspace/layout';
import { checkInsideWorkspace } from '../workspace/containment';
import type { ScriptSource } from './protocol';

/** One script file of a request's chain, with its text (null: no such file). */
export interface ScriptFileText {
  file: string;
  text: string | null;
}

async function readScript(root: string, file: string): Promise<string | null> {
  try {
    return await readUserText(join(root, ...file.split('/')), FILE_KINDS.script, { label: file });
  } catch (err) {
    if (err instanceof UserFileError && err.reason === 'not-found') return null;
    throw err;
  }
}

/** The scripts that apply to a saved request, outermost first, present or not. */
export async function readScriptChain(root: string, requestPath: string): Promise<ScriptFileText[]> {
  checkItemPath(requestPath);
  return Promise.all(scriptFiles(requestPath).map(async (file) => ({ file, text: await readScript(root, file) })));
}

/**
 * The scripts a call of this request runs: those that exist, outermost first. `requestScript`,
 * when given, is the request's own script as the editor holds it (run before it is saved).
 */
export async function scriptsForCall(
  root: string,
  requestPath: string,
  requestScript?: string,
): Promise<ScriptSource[]> {
  const chain = await readScriptChain(root, requestPath);
  const own = requestScriptFile(requestPath);
  return chain
    .map(({ file, text }) => ({ file, text: file === own && requestScript !== undefined ? requestScript : text }))
    .filter((s): s is ScriptSource & { text: string } => s.text !== null && s.text.trim() !== '')
    .map(({ file, text }) => ({ file, code: text }));
}

/** Writes a request's own script; an empty text removes the file (no empty files left in git). */
export async function saveRequestScript(root: string, requestPath: string, text: string): Promise<void> {
  checkItemPath(requestPath);
  const file = join(root, ...requestScriptFile(requestPath).split('/'));
  await checkInsideWorkspace(root, file);
  if (text.trim() === '') await rm(file, { force: true });
  else await writeFileAtomic(file, text.endsWith('\n') ? text : `${text}\n`);
}

/** Every script file of a workspace (for the trust question), relative to its folder. */
export async function listScriptFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  if ((await readScript(root, WORKSPACE_SCRIPT_FILE).catch(() => null)) !== null) found.push(WORKSPACE_SCRIPT_FILE);
  const walk = async (dir: string, prefix: string, depth: number): Promise<void> => {
    if (depth > 32) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.')) continue;
      const rel = `${prefix}/${e.name}`;
      if (e.isDirectory()) await walk(join(dir, e.name), rel, depth + 1);
      else if (e.name.endsWith('.js')) found.push(rel);
    }
  };
  await walk(join(root, REQUESTS_DIR), REQUESTS_DIR, 0);
  return found;
}

/** The approved snapshots of a request, by name, as JSON text. */
export async function readApproved(root: string, requestPath: string): Promise<Record<string, string>> {
  const file = snapshotFile(checkItemPath(requestPath));
  let text: string;
  try {
    text = await readUserText(join(root, ...file.split('/')), FILE_KINDS.approvedSnapshots, { label: file });
  } catch (err) {
    if (err instanceof UserFileError && err.reason === 'not-found') return {};
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new AppError('VALIDATION', `${file} is not valid JSON (${(err as Error).message}): fix or delete it`);
  }
  const snapshots = (parsed as { snapshots?: unknown })?.snapshots;
  if (!snapshots || typeof snapshots !== 'object' || Array.isArray(snapshots))
    throw new AppError('VALIDATION', `${file} has no "snapshots" object: fix or delete it`);
  return Object.fromEntries(Object.entries(snapshots).map(([name, value]) => [name, JSON.stringify(value)]));
}

/** Stores `value` (JSON text) as the approved snapshot `name` of a request. */
export async function approveSnapshot(root: string, requestPath: string, name: string, value: string): Promise<void> {
  const file = snapshotFile(checkItemPath(requestPath));
  const path = join(root, ...file.split('/'));
  await checkInsideWorkspace(root, path);
  const approved = await readApproved(root, requestPath);
  approved[name] = value;
  const snapshots = Object.fromEntries(
    Object.keys(approved)
      .sort()
      .map((k) => [k, JSON.parse(approved[k]!) as unknown]),
  );
  await writeFileAtomic(path, JSON.stringify({ version: 1, snapshots }, null, 2) + '\n');
}

/** A folder's script file for a folder path (for messages). */
export function folderScriptFile(folder: string): string {
  return `${REQUESTS_DIR}/${folder}/${FOLDER_SCRIPT_NAME}.js`;
}
