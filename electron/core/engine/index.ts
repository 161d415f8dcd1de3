import { loupeContract, type AppInfo } from '../../../shared/contract';
import type { Port } from '../../../shared/protocol/port';
import { serve } from '../../../shared/protocol/server';
import { CallEngine, ChannelPool } from '../calls';
import { CallRegistry } from './call-registry';
import { createHandlers } from './handlers';
import { SchemaStore } from './schema-store';

export interface EngineOptions {
  version: string;
  /** Where reflected schemas are cached between runs. */
  cacheDir?: string;
  demoAddress?: string;
  capabilities?: Partial<AppInfo['capabilities']>;
  /** Handler bugs are reported here. */
  onInternalError?: (method: string, error: unknown) => void;
}

/**
 * The engine every face shares: one channel pool, one schema store, one call engine. Each
 * window (Electron) or socket (browser mode) connects a Port and owns what it starts.
 */
export class Engine {
  readonly pool = new ChannelPool();
  readonly calls = new CallEngine(this.pool);
  readonly schemas: SchemaStore;
  private readonly connections = new Set<{ dispose(): void }>();

  constructor(private readonly options: EngineOptions) {
    this.schemas = new SchemaStore(this.pool, options.cacheDir);
  }

  connect(port: Port): void {
    const openCalls = new CallRegistry();
    const handlers = createHandlers(
      {
        schemas: this.schemas,
        calls: this.calls,
        appInfo: () => ({
          name: 'Loupe',
          version: this.options.version,
          demoAddress: this.options.demoAddress,
          capabilities: { nativeFileDialogs: false, ...this.options.capabilities },
        }),
      },
      openCalls,
    );
    const connection = serve(port, loupeContract, handlers, {
      onDispose: () => {
        openCalls.cancelAll();
        this.connections.delete(connection);
      },
      onInternalError: this.options.onInternalError,
    });
    this.connections.add(connection);
  }

  dispose(): void {
    for (const connection of [...this.connections]) connection.dispose();
    this.calls.dispose();
    this.pool.dispose();
  }
}
