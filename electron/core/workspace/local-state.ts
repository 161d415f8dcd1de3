import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { FILE_KINDS, readUserText } from '../fs/read-user-file';
import { SerialQueue } from '../fs/serial-queue';

/**
 * Per-user choices about a workspace (which environment is active) live in the app's data
 * folder, not in the workspace: switching environments must not show up as a change in git.
 */
export class WorkspaceLocalState {
  private readonly queue = new SerialQueue();

  constructor(readonly file: string) {}

  static inDataDir(dataDir: string): WorkspaceLocalState {
    return new WorkspaceLocalState(join(dataDir, 'workspaces.json'));
  }

  private async readAll(): Promise<Record<string, { activeEnvironment?: string }>> {
    try {
      const value: unknown = JSON.parse(await readUserText(this.file, FILE_KINDS.appData));
      return value && typeof value === 'object' ? (value as Record<string, { activeEnvironment?: string }>) : {};
    } catch {
      // Missing or damaged: this is a convenience, so start over rather than fail.
      return {};
    }
  }

  async activeEnvironment(root: string): Promise<string | null> {
    return (await this.readAll())[root]?.activeEnvironment ?? null;
  }

  setActiveEnvironment(root: string, name: string | null): Promise<void> {
    return this.queue.run(async () => {
      const all = await this.readAll();
      if (name === null) delete all[root];
      else all[root] = { ...all[root], activeEnvironment: name };
      await writeFileAtomic(this.file, JSON.stringify(all, null, 2) + '\n');
    });
  }
}
