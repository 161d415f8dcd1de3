import type { TargetSettings } from '../../../shared/model/target';
import type { Authenticator } from '../auth';
import type { ChannelPool } from '../calls';
import type { LoadSchemaOptions, SchemaRegistry } from '../schema';
import { loadTargetSchema } from './load-target-schema';

/**
 * One loaded schema per distinct (address, connection, schema source): every window and the
 * CLI share it, and concurrent loads of the same target share one promise.
 */
export class SchemaStore {
  private readonly loaded = new Map<string, Promise<SchemaRegistry>>();
  /** The last schema each target's load produced, so a refresh can say what changed. */
  private readonly settled = new Map<string, SchemaRegistry>();

  constructor(
    private readonly pool: ChannelPool,
    private readonly cacheDir?: string,
    private readonly auth?: Authenticator,
  ) {}

  /** The target's schema as last loaded, if a load has finished; never starts one. */
  current(target: TargetSettings): SchemaRegistry | undefined {
    return this.settled.get(schemaKey(target));
  }

  get(target: TargetSettings, refresh = false): Promise<SchemaRegistry> {
    const existing = this.loaded.get(schemaKey(target));
    if (existing && !refresh) return existing;
    return this.load(target, { refresh });
  }

  /**
   * The target's schema, with `symbol` in it if the server's reflection knows it: a message no
   * method references is not loaded with the services, so it is asked for (grpcurl does the
   * same), and the wider schema becomes the target's schema.
   */
  async withSymbol(target: TargetSettings, symbol: string): Promise<SchemaRegistry> {
    const schema = await this.get(target);
    if (schema.find(symbol) || !target.schema.reflection) return schema;
    return this.load(target, { refresh: true, symbols: [symbol] });
  }

  private load(
    target: TargetSettings,
    options: Pick<LoadSchemaOptions, 'refresh' | 'symbols'>,
  ): Promise<SchemaRegistry> {
    const key = schemaKey(target);
    const loading = loadTargetSchema(target, this.pool, {
      cacheDir: this.cacheDir,
      cacheKey: key,
      auth: this.auth,
      ...options,
    });
    this.loaded.set(key, loading);
    loading.then(
      (schema) => this.loaded.get(key) === loading && this.settled.set(key, schema),
      () => undefined,
    );
    // A failed load must not be remembered: the next attempt (after the user fixes a file or
    // starts the server) should try again.
    loading.catch(() => {
      if (this.loaded.get(key) === loading) this.loaded.delete(key);
    });
    return loading;
  }
}

function schemaKey(target: TargetSettings): string {
  return JSON.stringify([target.address, target.tls, target.authority ?? '', target.schema]);
}
