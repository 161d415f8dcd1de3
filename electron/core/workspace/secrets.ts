import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/model/errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { FILE_KINDS, readUserText, UserFileError } from '../fs/read-user-file';
import { SerialQueue } from '../fs/serial-queue';

/**
 * Where secret variable values live: never in the workspace folder. Keyed by the workspace's
 * absolute path and the environment's name. The desktop app stores them encrypted with the OS
 * keychain (electron/main/secret-store.ts); browser mode and the CLI use a 0600 file.
 */
export interface SecretStore {
  get(workspace: string, environment: string, name: string): Promise<string | undefined>;
  set(workspace: string, environment: string, name: string, value: string): Promise<void>;
  delete(workspace: string, environment: string, name: string): Promise<void>;
  /** Names with a stored value (values are not returned). */
  names(workspace: string, environment: string): Promise<string[]>;
  /**
   * Every stored secret of every workspace, for the engine's mask only: history written before a
   * secret was used in this session must not show its value either.
   */
  allValues(): Promise<Array<{ name: string; value: string }>>;
}

/** Turns stored text into the value and back; identity for the plain file, safeStorage in Electron. */
export interface SecretCodec {
  encode(value: string): string;
  decode(stored: string): string;
}

const SecretsFileSchema = z.object({
  version: z.literal(1),
  workspaces: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.string()))),
});
type SecretsFile = z.infer<typeof SecretsFileSchema>;

const PLAIN: SecretCodec = { encode: (v) => v, decode: (v) => v };

/**
 * Secrets in one JSON file under the user's data folder, created with mode 0600 (owner only).
 * Writes are atomic and serialized, so two saves in a row cannot lose one another.
 */
export class FileSecretStore implements SecretStore {
  private readonly queue = new SerialQueue();

  constructor(
    readonly file: string,
    private readonly codec: SecretCodec = PLAIN,
  ) {}

  private async readAll(): Promise<SecretsFile> {
    let text: string;
    try {
      text = await readUserText(this.file, FILE_KINDS.appData);
    } catch (err) {
      if (err instanceof UserFileError && err.reason === 'not-found') return { version: 1, workspaces: {} };
      throw new AppError('UNAVAILABLE', `Cannot read the secrets file ${this.file}: ${(err as Error).message}`);
    }
    try {
      return SecretsFileSchema.parse(JSON.parse(text));
    } catch {
      throw new AppError('VALIDATION', `The secrets file ${this.file} is damaged; fix or delete it`);
    }
  }

  private update(change: (all: SecretsFile) => void): Promise<void> {
    return this.queue.run(async () => {
      const all = await this.readAll();
      change(all);
      await writeFileAtomic(this.file, JSON.stringify(all, null, 2) + '\n', 0o600);
    });
  }

  async get(workspace: string, environment: string, name: string): Promise<string | undefined> {
    const stored = (await this.readAll()).workspaces[workspace]?.[environment]?.[name];
    return stored === undefined ? undefined : this.codec.decode(stored);
  }

  set(workspace: string, environment: string, name: string, value: string): Promise<void> {
    return this.update((all) => {
      const envs = (all.workspaces[workspace] ??= {});
      (envs[environment] ??= {})[name] = this.codec.encode(value);
    });
  }

  delete(workspace: string, environment: string, name: string): Promise<void> {
    return this.update((all) => {
      const env = all.workspaces[workspace]?.[environment];
      if (!env) return;
      delete env[name];
      if (!Object.keys(env).length) delete all.workspaces[workspace]![environment];
      if (!Object.keys(all.workspaces[workspace]!).length) delete all.workspaces[workspace];
    });
  }

  async names(workspace: string, environment: string): Promise<string[]> {
    return Object.keys((await this.readAll()).workspaces[workspace]?.[environment] ?? {}).sort();
  }

  async allValues(): Promise<Array<{ name: string; value: string }>> {
    const all = await this.readAll();
    return Object.values(all.workspaces).flatMap((envs) =>
      Object.values(envs).flatMap((secrets) =>
        Object.entries(secrets).map(([name, stored]) => ({ name, value: this.codec.decode(stored) })),
      ),
    );
  }
}

/** The default store for browser mode and the CLI. */
export function defaultSecretStore(dataDir: string): FileSecretStore {
  return new FileSecretStore(join(dataDir, 'secrets.json'));
}

/**
 * The process environment variable that supplies a secret, for CI and scripts:
 * LOUPE_SECRET_<NAME>, the variable's name upper-cased with every other character than A-Z and
 * 0-9 turned into '_' (`api.token` -> LOUPE_SECRET_API_TOKEN). It wins over a stored value.
 */
export function secretEnvName(name: string): string {
  return `LOUPE_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
