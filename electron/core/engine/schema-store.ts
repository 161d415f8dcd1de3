import type { TargetSettings } from '../../../shared/model/target';
import type { ChannelPool } from '../calls';
import type { SchemaRegistry } from '../schema';
import { loadTargetSchema } from './load-target-schema';

/**
 * One loaded schema per distinct (address, connection, schema source): every window and the
 * CLI share it, and concurrent loads of the same target share one promise.
 */
export class SchemaStore {
  private readonly loaded = new Map<string, Promise<SchemaRegistry>>();

  constructor(
    private readonly pool: ChannelPool,
    private readonly cacheDir?: string,
  ) {}

  get(target: TargetSettings, refresh = false): Promise<SchemaRegistry> {
    const key = schemaKey(target);
    const existing = this.loaded.get(key);
    if (existing && !refresh) return existing;
    const loading = loadTargetSchema(target, this.pool, {
      cacheDir: this.cacheDir,
      cacheKey: key,
      refresh,
    });
    this.loaded.set(key, loading);
    // A failed load must not be remembered: the next attempt (after the user fixes a file or
    // starts the server) should try again.
    loading.catch(() => {
      if (this.loaded.get(key) === loading) this.loaded.delete(key);
    });
    return loading;
  }
}

export function schemaKey(target: TargetSettings): string {
  return JSON.stringify([target.address, target.tls, target.authority ?? '', target.schema]);
}
