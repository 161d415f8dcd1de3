import { join } from 'node:path';
import { startDemoServer } from '../core/demo';
import { Engine } from '../core/engine';
import { userDataDir } from '../core/paths';
import { startWebServer } from './index';

export interface BrowserModeOptions {
  rendererDir: string;
  version: string;
  host?: string;
  port?: number;
  /** Start the embedded demo server (default true). */
  demo?: boolean;
  dataDir?: string;
}

export interface BrowserMode {
  url: string;
  demoAddress?: string;
  /** Stops everything; says whether the demo server could stop gracefully (no call left open). */
  close(): Promise<{ demoServer?: 'graceful' | 'forced' }>;
}

/** Browser mode: the embedded demo server, the engine, and the page server that connects them. */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const demo = options.demo === false ? undefined : await startDemoServer({ host: '127.0.0.1', port: 0 });
  const engine = new Engine({
    version: options.version,
    cacheDir: join(options.dataDir ?? userDataDir(), 'schema-cache'),
    demoAddress: demo?.address,
    onInternalError: (method, error) => console.error(`[loupe] ${method} failed:`, error),
  });
  const server = await startWebServer({
    rendererDir: options.rendererDir,
    host: options.host,
    port: options.port,
    onConnection: (port) => engine.connect(port),
  });
  return {
    url: server.url,
    demoAddress: demo?.address,
    close: async () => {
      await server.close();
      engine.dispose();
      return { demoServer: await demo?.stop() };
    },
  };
}
