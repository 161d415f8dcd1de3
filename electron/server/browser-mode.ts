import { join } from 'node:path';
import { TargetSettingsSchema } from '../../shared/model/target';
import type { DemoServer, DemoWebServer } from '../core/demo';
import type { Engine } from '../core/engine';
import { userDataDir } from '../core/paths';
import {
  DEFAULT_DEMO_PORT,
  DEFAULT_DEMO_WEB_PORT,
  DEFAULT_WEB_PORT,
  startOnPreferredPort,
} from '../core/preferred-port';
import { startWebServer, type WebServer } from './index';

export interface BrowserModeOptions {
  rendererDir: string;
  version: string;
  host?: string;
  /** Exactly this port (0: any free one); absent: DEFAULT_WEB_PORT, or a free one when that is taken. */
  port?: number;
  /** Start the embedded demo server (default true). */
  demo?: boolean;
  dataDir?: string;
  /**
   * Called once the page's address answers, before the engine and the demo servers have started
   * (`loupe web` prints the address and opens the browser then). The page loads meanwhile; its
   * connection to the engine is accepted once the engine is there.
   */
  onListening?: (url: string) => void;
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

/**
 * Browser mode: the page server, the engine, and the embedded demo servers. The page server starts
 * first and the rest after, from modules loaded only then: evaluating the engine's and the
 * demo's modules (grpc-js, http2, the contract's schemas, the demo's descriptors) took ~50 ms of
 * a start, which the browser now spends loading the page on the other core.
 */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const notes: string[] = [];
  // The engine once started; connections are accepted only then (`accepting`).
  const started: { engine?: Engine } = {};
  let engineStarted!: () => void;
  let engineFailed!: (error: unknown) => void;
  const engineReady = new Promise<void>((resolve, reject) => {
    engineStarted = resolve;
    engineFailed = reject;
  });
  // Nothing may be waiting when the start fails; the failure is thrown below anyway.
  engineReady.catch(() => undefined);
  const startOn = (port: number) =>
    startWebServer({
      rendererDir: options.rendererDir,
      host: options.host,
      port,
      accepting: engineReady,
      onConnection: (p) => started.engine!.connect(p),
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
  options.onListening?.(server.url);
  await untilPageStarting(server);

  let running: EngineAndDemo;
  try {
    running = await startEngineAndDemo(options, notes);
  } catch (error) {
    engineFailed(error);
    await server.close();
    throw error;
  }
  started.engine = running.engine;
  engineStarted();
  return {
    url: server.url,
    demoAddress: running.grpc?.address,
    demoWebAddress: running.web?.address,
    notes,
    close: async () => {
      await server.close();
      await running.engine.close();
      await running.web?.stop();
      return { demoServer: await running.grpc?.stop() };
    },
  };
}

/** With no page asking for the address (not opened yet), the engine and demo start after this. */
export const ENGINE_START_GRACE_MS = 500;

/**
 * Evaluating the engine's and the demo's modules holds this thread for ~50-80 ms, and starting
 * the demo and reflecting it for more: begun as the address was printed, they held the page's own
 * requests (the page was asked for ~60-100 ms after the address, and sent 20-30 ms after that,
 * against ~10 ms and at once from a bare server; figure 7). They begin once the page has its
 * first screen's files, while the browser evaluates them (the page's connection comes ~100 ms
 * later), or when a connection is asked for first (a browser that had the files cached), or
 * after ENGINE_START_GRACE_MS when nothing asks.
 */
async function untilPageStarting(server: WebServer): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    server.pageStarting,
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ENGINE_START_GRACE_MS);
    }),
  ]);
  clearTimeout(timer);
}

interface EngineAndDemo {
  engine: Engine;
  grpc?: DemoServer;
  web?: DemoWebServer;
}

async function startEngineAndDemo(options: BrowserModeOptions, notes: string[]): Promise<EngineAndDemo> {
  const [{ Engine }, { startDemoServer, startDemoWebServer }] = await Promise.all([
    import('../core/engine'),
    import('../core/demo'),
  ]);
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
  return { engine, grpc: demo, web: demoWeb };
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
