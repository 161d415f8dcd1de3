import { copyCompanions, deleteCompanions, moveCompanions } from './companions';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AppError, toErrorData } from '../../../shared/model/errors';
import {
  EnvironmentFileSchema,
  environmentFile,
  requestFile,
  WORKSPACE_FILE,
  WORKSPACE_FORMAT_VERSION,
  type EnvironmentFile,
  type SavedRequest,
  type WorkspaceFile,
  type WorkspaceProblem,
} from '../../../shared/model/workspace';
import { freePath } from '../../../shared/workspace/collection';
import { validateWith } from '../../../shared/workspace/json-file';
import {
  parseEnvironmentFile,
  parseSavedRequest,
  parseWorkspaceFile,
  serializeEnvironmentFile,
  serializeSavedRequest,
  serializeWorkspaceFile,
} from '../../../shared/workspace/format';
import { removeStaleTempFiles, writeFileAtomic } from '../fs/atomic-write';
import { FILE_KINDS, readUserText, UserFileError } from '../fs/read-user-file';
import { checkInsideWorkspace } from './containment';
import {
  checkItemPath,
  checkName,
  displayPath,
  environmentFilePath,
  environmentsDir,
  folderPath,
  requestFilePath,
  requestsDir,
  workspaceFilePath,
} from './layout';

export interface WorkspaceContent {
  workspace: WorkspaceFile;
  folders: string[];
  requests: Array<{ path: string; request: SavedRequest; version: string }>;
  /** The version of loupe.workspace.json as read; absent when it could not be read. */
  workspaceVersion?: string;
  environments: Array<{ name: string; environment: EnvironmentFile; version: string }>;
  problems: WorkspaceProblem[];
}

export function toProblem(err: unknown, file: string): WorkspaceProblem {
  const data = toErrorData(err);
  const at = data.locations?.[0];
  return { file, message: data.message, ...(at?.line ? { line: at.line, column: at.column } : {}) };
}

/**
 * Identifies a workspace file's content: a hash of its canonical serialization, so the same
 * content read from any formatting has one version, and any change to it (a field, a value, a
 * field of a newer format) gives another. One function for every kind of file, so a version
 * means the same for requests, environments and loupe.workspace.json.
 */
function contentVersion(canonicalText: string): string {
  return createHash('sha256').update(canonicalText).digest('base64url').slice(0, 22);
}

export const requestVersion = (request: SavedRequest): string => contentVersion(serializeSavedRequest(request));
export const environmentVersion = (environment: EnvironmentFile): string =>
  contentVersion(serializeEnvironmentFile(environment));
export const workspaceFileVersion = (workspace: WorkspaceFile): string =>
  contentVersion(serializeWorkspaceFile(workspace));

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * A workspace folder on disk. Holds no cache: every read goes to the files, so edits made
 * outside (git pull, an editor) are never hidden by stale state. Every write is atomic.
 */
export class WorkspaceStore {
  /** What we last wrote per file, so the watcher can tell our own writes from others'. */
  readonly ownWrites = new Map<string, string>();

  private constructor(readonly root: string) {}

  /** Opens a workspace folder; with `create`, makes an empty one where none is. */
  static async open(root: string, options: { create?: boolean } = {}): Promise<WorkspaceStore> {
    const store = new WorkspaceStore(resolve(root));
    if (!(await exists(workspaceFilePath(store.root)))) {
      if (!options.create)
        throw new AppError('NOT_FOUND', `${store.root} is not a Loupe workspace (no loupe.workspace.json)`);
      // First, so that writes can be checked against where the folder really is.
      await mkdir(store.root, { recursive: true });
      await store.saveWorkspaceFile({ version: WORKSPACE_FORMAT_VERSION, targets: {} });
      await mkdir(requestsDir(store.root), { recursive: true });
      await mkdir(environmentsDir(store.root), { recursive: true });
    }
    return store;
  }

  /** Everything in the folder. A malformed file becomes a problem; the others still load. */
  async load(): Promise<WorkspaceContent> {
    // Left by saves that were killed midway. Here, not in open(): every save opens the store.
    await Promise.all([
      removeStaleTempFiles(this.root),
      removeStaleTempFiles(requestsDir(this.root), { recursive: true }),
      removeStaleTempFiles(environmentsDir(this.root)),
    ]).catch(() => undefined);
    const problems: WorkspaceProblem[] = [];
    let workspace: WorkspaceFile = { version: WORKSPACE_FORMAT_VERSION, targets: {} };
    let workspaceVersion: string | undefined;
    try {
      workspace = await this.readWorkspaceFile();
      workspaceVersion = workspaceFileVersion(workspace);
    } catch (err) {
      problems.push(toProblem(err, WORKSPACE_FILE));
    }
    const folders: string[] = [];
    const requests: WorkspaceContent['requests'] = [];
    const walk = async (dir: string, prefix: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      // By item name, so 'get' comes before its copy 'get (2)' as a person expects.
      const key = (name: string) => name.replace(/\.json$/, '');
      for (const entry of entries.sort((a, b) => key(a.name).localeCompare(key(b.name)))) {
        if (entry.name.startsWith('.')) continue;
        const path = prefix ? `${prefix}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          folders.push(path);
          await walk(join(dir, entry.name), path);
        } else if (entry.name.endsWith('.json')) {
          const itemPath = path.slice(0, -'.json'.length);
          try {
            const request = await this.readRequest(itemPath);
            requests.push({ path: itemPath, request, version: requestVersion(request) });
          } catch (err) {
            problems.push(toProblem(err, requestFile(itemPath)));
          }
        }
      }
    };
    await walk(requestsDir(this.root), '');
    const environments: WorkspaceContent['environments'] = [];
    for (const name of await this.environmentNames()) {
      try {
        const environment = await this.readEnvironment(name);
        environments.push({ name, environment, version: environmentVersion(environment) });
      } catch (err) {
        problems.push(toProblem(err, environmentFile(name)));
      }
    }
    return {
      workspace,
      ...(workspaceVersion !== undefined ? { workspaceVersion } : {}),
      folders,
      requests,
      environments,
      problems,
    };
  }

  /** A workspace file's text: bounded, never a FIFO or device (a clone may hold anything). */
  async read(file: string): Promise<string> {
    const label = displayPath(this.root, file);
    return readUserText(file, FILE_KINDS.workspaceFile, { label }).catch((err: unknown) => {
      if (err instanceof UserFileError && err.reason === 'not-found')
        throw new AppError('NOT_FOUND', `${label} does not exist`);
      throw err;
    });
  }

  private async write(file: string, text: string): Promise<void> {
    await checkInsideWorkspace(this.root, file);
    this.ownWrites.set(file, text);
    await writeFileAtomic(file, text);
  }

  async readWorkspaceFile(): Promise<WorkspaceFile> {
    const file = workspaceFilePath(this.root);
    return parseWorkspaceFile(await this.read(file), displayPath(this.root, file));
  }

  /** Writes loupe.workspace.json and answers its version; `baseVersion` as for saveRequest. */
  async saveWorkspaceFile(workspace: WorkspaceFile, baseVersion?: string | null): Promise<string> {
    const file = workspaceFilePath(this.root);
    if (baseVersion !== undefined)
      await this.checkUnchanged(
        file,
        'workspace file',
        () => this.readWorkspaceFile(),
        workspaceFileVersion,
        baseVersion,
      );
    await this.write(file, serializeWorkspaceFile(workspace));
    return workspaceFileVersion(workspace);
  }

  async readRequest(path: string): Promise<SavedRequest> {
    const file = requestFilePath(this.root, path);
    return parseSavedRequest(await this.read(file), displayPath(this.root, file));
  }

  /**
   * Writes a saved request and answers its version. With `baseVersion` (the version the caller's
   * copy was read as; null for a request that should not exist yet), refuses with CONFLICT when
   * the file on disk is another one: a git pull or an editor changed it since, and writing would
   * silently throw their change away.
   */
  async saveRequest(path: string, request: SavedRequest, baseVersion?: string | null): Promise<string> {
    const file = requestFilePath(this.root, path);
    if (baseVersion !== undefined)
      await this.checkUnchanged(
        file,
        'request',
        () => this.readRequest(path),
        requestVersion,
        baseVersion,
        `'${path}'`,
      );
    await this.write(file, serializeSavedRequest(request));
    return requestVersion(request);
  }

  /**
   * Refuses (CONFLICT) to write over `file` unless it still holds `baseVersion`: null means the
   * caller expects no file there. A file that no longer parses (a merge conflict) is refused too;
   * a file deleted since is not, as the caller's copy is then the only one left.
   */
  private async checkUnchanged<T>(
    file: string,
    what: string,
    read: () => Promise<T>,
    version: (content: T) => string,
    baseVersion: string | null,
    name = displayPath(this.root, file),
  ): Promise<void> {
    const shown = displayPath(this.root, file);
    let current: T;
    try {
      current = await read();
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return;
      throw new AppError(
        'CONFLICT',
        `${shown} on disk is not a valid ${what} (${toErrorData(err).message}); a merge conflict? Fix the file, or overwrite it.`,
        {
          locations: [{ file: shown }],
        },
      );
    }
    if (baseVersion === null) {
      throw new AppError('CONFLICT', `${name} already exists; choose another name, or overwrite it.`, {
        locations: [{ file: shown }],
      });
    }
    if (version(current) !== baseVersion) {
      throw new AppError(
        'CONFLICT',
        `${shown} changed on disk since it was read (a git pull, an editor?); saving would overwrite that change.`,
        {
          locations: [{ file: shown }],
        },
      );
    }
  }

  async createFolder(path: string): Promise<void> {
    const folder = folderPath(this.root, path);
    await checkInsideWorkspace(this.root, folder, folder);
    await mkdir(folder, { recursive: true });
  }

  /** What is at `path`: a saved request, a folder, or nothing. */
  async kindOf(path: string): Promise<'request' | 'folder' | undefined> {
    if (await exists(requestFilePath(this.root, path))) return 'request';
    if (await exists(folderPath(this.root, path))) return 'folder';
    return undefined;
  }

  private async locate(path: string): Promise<{ kind: 'request' | 'folder'; file: string }> {
    const kind = await this.kindOf(path);
    if (!kind) throw new AppError('NOT_FOUND', `Nothing is saved at '${path}'`);
    return { kind, file: kind === 'request' ? requestFilePath(this.root, path) : folderPath(this.root, path) };
  }

  /** Deletes a saved request, or a folder with everything in it. */
  async deleteItem(path: string): Promise<void> {
    const { kind, file } = await this.locate(path);
    await rm(file, { recursive: true, force: true });
    await deleteCompanions(this.root, path, kind);
  }

  /** Moves (or renames) a request or folder. Refuses to overwrite, or to move a folder into itself. */
  async move(from: string, to: string): Promise<void> {
    checkItemPath(to);
    const { kind, file } = await this.locate(from);
    if (from === to) return;
    if (kind === 'folder' && to.startsWith(`${from}/`))
      throw new AppError('VALIDATION', `Cannot move '${from}' into itself`);
    if (await this.kindOf(to)) throw new AppError('VALIDATION', `'${to}' already exists`);
    const dest = kind === 'request' ? requestFilePath(this.root, to) : folderPath(this.root, to);
    await checkInsideWorkspace(this.root, dest);
    await mkdir(dirname(dest), { recursive: true });
    // rename(2) is atomic within one file system, which a workspace folder is.
    await rename(file, dest);
    await moveCompanions(this.root, from, to, kind);
  }

  async rename(path: string, name: string): Promise<string> {
    checkName(name, 'item');
    const to = [...path.split('/').slice(0, -1), name].join('/');
    await this.move(path, to);
    return to;
  }

  /** Copies a request or folder beside itself as "name (2)"; returns the new path. */
  async duplicate(path: string): Promise<string> {
    const { kind, file } = await this.locate(path);
    const taken = new Set<string>();
    let candidate = path;
    while (await this.kindOf(candidate)) {
      taken.add(candidate);
      candidate = freePath(path, taken);
    }
    if (kind === 'request') await this.saveRequest(candidate, await this.readRequest(path));
    else {
      const dest = folderPath(this.root, candidate);
      await checkInsideWorkspace(this.root, dest, dest);
      await cp(file, dest, { recursive: true, errorOnExist: true, force: false });
    }
    await copyCompanions(this.root, path, candidate, kind);
    return candidate;
  }

  async environmentNames(): Promise<string[]> {
    const entries = await readdir(environmentsDir(this.root), { withFileTypes: true }).catch(() => []);
    return (
      entries
        // Not only regular files: a link or a FIFO named like an environment is read, and a problem.
        .filter((e) => !e.isDirectory() && e.name.endsWith('.json') && !e.name.startsWith('.'))
        .map((e) => e.name.slice(0, -'.json'.length))
        .sort()
    );
  }

  async readEnvironment(name: string): Promise<EnvironmentFile> {
    const file = environmentFilePath(this.root, name);
    return parseEnvironmentFile(await this.read(file), displayPath(this.root, file));
  }

  /** Writes an environment file and answers its version; `baseVersion` as for saveRequest. */
  async saveEnvironment(name: string, environment: EnvironmentFile, baseVersion?: string | null): Promise<string> {
    // Checked here too, not only at the contract: a secret's value must never reach the folder.
    validateWith(EnvironmentFileSchema, environment, environmentFile(name));
    const file = environmentFilePath(this.root, name);
    if (baseVersion !== undefined) {
      await this.checkUnchanged(
        file,
        'environment',
        () => this.readEnvironment(name),
        environmentVersion,
        baseVersion,
        `Environment '${name}'`,
      );
    }
    await this.write(file, serializeEnvironmentFile(environment));
    return environmentVersion(environment);
  }

  async deleteEnvironment(name: string): Promise<void> {
    await rm(environmentFilePath(this.root, name), { force: true });
  }
}
