import { join } from 'node:path';
import { TargetSettingsSchema } from '../../shared/model/target';
import { startDemoServer, startDemoWebServer } from '../core/demo';
import { Engine } from '../core/engine';
import { userDataDir } from '../core/paths';
import {
  DEFAULT_DEMO_PORT,
  DEFAULT_DEMO_WEB_PORT,
  DEFAULT_WEB_PORT,
  startOnPreferredPort,
} from '../core/preferred-port';
import { startWebServer } from './index';

export interface BrowserModeOptions {
  rendererDir: string;
  version: string;
  host?: string;
  /** Exactly this port (0: any free one); absent: DEFAULT_WEB_PORT, or a free one when that is taken. */
  port?: number;
  /** Start the embedded demo server (default true). */
  demo?: boolean;
  dataDir?: string;
}

export interface BrowserMode {
  url: string;
  demoAddress?: string;
  /** The demo's gRPC-Web, gRPC-Web text and Connect server. */
  demoWebAddress?: string;
  /** Why the page or the demo server is not on its usual port, when one is not. */
  notes: string[];
  /** Stops everything; says whether the demo server could stop gracefully (no call left open). */
  close(): Promise<{ demoServer?: 'graceful' | 'forced' }>;
}

/** Browser mode: the embedded demo server, the engine, and the page server that connects them. */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const notes: string[] = [];
  // The two demo servers start side by side: neither waits for the other's port.
  const [demoStart, demoWebStart] = await startTogether(
    options.demo === false
      ? undefined
      : startOnPreferredPort(DEFAULT_DEMO_PORT, (port) => startDemoServer({ host: '127.0.0.1', port })),
    options.demo === false
      ? undefined
      : startOnPreferredPort(DEFAULT_DEMO_WEB_PORT, (port) => startDemoWebServer({ port })),
  );
  const demo = demoStart?.started;
  if (demoStart?.fallback) notes.push(`The demo server's ${demoStart.fallback}; it is on ${demo?.address} this time.`);
  const demoWeb = demoWebStart?.started;
  if (demoWebStart?.fallback)
    notes.push(`The gRPC-Web/Connect demo's ${demoWebStart.fallback}; it is on ${demoWeb?.address} this time.`);
  const engine = new Engine({
    version: options.version,
    cacheDir: join(options.dataDir ?? userDataDir(), 'schema-cache'),
    demoAddress: demo?.address,
    demoWebAddress: demoWeb?.address,
    onInternalError: (method, error) => console.error(`[loupe] ${method} failed:`, error),
  });
  // The page's first question is the demo's schema: reflect it while the browser loads the page,
  // and build the service tree it lists (built on first use, since a CLI call never lists), so
  // the answer is ready when the page asks (the window's load joins this one). A failure is
  // forgotten by the store, and the window's own load reports it.
  if (demo) {
    engine.schemas
      .get(TargetSettingsSchema.parse({ address: demo.address }))
      .then((schema) => schema.services())
      .catch(() => undefined);
  }
  const startOn = (port: number) =>
    startWebServer({
      rendererDir: options.rendererDir,
      host: options.host,
      port,
      onConnection: (p) => engine.connect(p),
    });
  const webStart =
    options.port === undefined
      ? await startOnPreferredPort(DEFAULT_WEB_PORT, startOn)
      : { started: await startOn(options.port) };
  const server = webStart.started;
  if (webStart.fallback) {
    notes.push(
      `The page's ${webStart.fallback}; it is on ${server.port} this time. The page keeps its tabs and last workspace per port: free ${DEFAULT_WEB_PORT} (another loupe web?) to find them again.`,
    );
  }
  return {
    url: server.url,
    demoAddress: demo?.address,
    demoWebAddress: demoWeb?.address,
    notes,
    close: async () => {
      await server.close();
      await engine.close();
      await demoWeb?.stop();
      return { demoServer: await demo?.stop() };
    },
  };
}

/**
 * Both servers started, or neither: when one fails to start, the other is stopped before the
 * error is thrown, so no port stays taken by a server nothing can reach.
 */
export async function startTogether<A extends Stoppable, B extends Stoppable>(
  first: Promise<{ started: A; fallback?: string }> | undefined,
  second: Promise<{ started: B; fallback?: string }> | undefined,
): Promise<[{ started: A; fallback?: string } | undefined, { started: B; fallback?: string } | undefined]> {
  const [a, b] = await Promise.allSettled([first, second]);
  if (a.status === 'fulfilled' && b.status === 'fulfilled') return [a.value, b.value];
  if (a.status === 'fulfilled') await a.value?.started.stop();
  if (b.status === 'fulfilled') await b.value?.started.stop();
  throw a.status === 'rejected' ? a.reason : (b as PromiseRejectedResult).reason;
}

interface Stoppable {
  stop(): Promise<unknown>;
}
