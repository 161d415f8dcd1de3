import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { FILE_KINDS, readUserText } from '../fs/read-user-file';
import { SerialQueue } from '../fs/serial-queue';

interface WorkspaceEntry {
  activeEnvironment?: string;
  /** The user trusted this folder's scripts to run (asked once per folder, as code editors do). */
  trusted?: boolean;
  /** Values scripts set with env.set, per environment ('' for none): the chain between requests. */
  scriptValues?: Record<string, Record<string, string>>;
}

/**
 * Per-user choices about a workspace (which environment is active, whether its scripts may run,
 * the values its scripts set) live in the app's data folder, not in the workspace: none of them
 * may show up as a change in git, and a clone must never arrive trusted.
 */
export class WorkspaceLocalState {
  private readonly queue = new SerialQueue();

  constructor(readonly file: string) {}

  static inDataDir(dataDir: string): WorkspaceLocalState {
    return new WorkspaceLocalState(join(dataDir, 'workspaces.json'));
  }

  private async readAll(): Promise<Record<string, WorkspaceEntry>> {
    try {
      const value: unknown = JSON.parse(await readUserText(this.file, FILE_KINDS.appData));
      return value && typeof value === 'object' ? (value as Record<string, WorkspaceEntry>) : {};
    } catch {
      // Missing or damaged: this is a convenience, so start over rather than fail.
      return {};
    }
  }

  private update(root: string, change: (entry: WorkspaceEntry) => WorkspaceEntry | undefined): Promise<void> {
    return this.queue.run(async () => {
      const all = await this.readAll();
      const next = change({ ...all[root] });
      if (!next || Object.keys(next).length === 0) delete all[root];
      else all[root] = next;
      await writeFileAtomic(this.file, JSON.stringify(all, null, 2) + '\n');
    });
  }

  async activeEnvironment(root: string): Promise<string | null> {
    return (await this.readAll())[root]?.activeEnvironment ?? null;
  }

  setActiveEnvironment(root: string, name: string | null): Promise<void> {
    return this.update(root, (entry) => {
      if (name === null) delete entry.activeEnvironment;
      else entry.activeEnvironment = name;
      return entry;
    });
  }

  /** Whether the user trusted this folder's scripts; decided by the folder's real path, links resolved. */
  async isTrusted(root: string): Promise<boolean> {
    return (await this.readAll())[await realRoot(root)]?.trusted === true;
  }

  async setTrusted(root: string, trusted: boolean): Promise<void> {
    const key = await realRoot(root);
    await this.update(key, (entry) => {
      if (trusted) entry.trusted = true;
      else delete entry.trusted;
      return entry;
    });
  }

  async scriptValues(root: string, environment: string | null): Promise<Record<string, string>> {
    return (await this.readAll())[root]?.scriptValues?.[environment ?? ''] ?? {};
  }

  setScriptValue(root: string, environment: string | null, name: string, value: string): Promise<void> {
    return this.update(root, (entry) => {
      const all = { ...entry.scriptValues };
      all[environment ?? ''] = { ...all[environment ?? ''], [name]: value };
      return { ...entry, scriptValues: all };
    });
  }

  clearScriptValues(root: string, environment: string | null): Promise<void> {
    return this.update(root, (entry) => {
      const all = { ...entry.scriptValues };
      delete all[environment ?? ''];
      if (Object.keys(all).length) entry.scriptValues = all;
      else delete entry.scriptValues;
      return entry;
    });
  }
}

async function realRoot(root: string): Promise<string> {
  return realpath(root).catch(() => root);
}
