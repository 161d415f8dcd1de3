import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DEMO_PORT, DEFAULT_DEMO_WEB_PORT, startOnPreferredPort } from '../../core/preferred-port';
import { usage } from '../options';
import type { CliIo } from '../session';
import { APP_VERSION } from '../../core/version';
import { codeCachePoint } from '../launcher/code-cache-point';

/**
 * Resolves when the process is asked to stop (Ctrl-C, kill) or the signal is aborted. The command
 * serves from here on: its start is over (codeCachePoint).
 */
export function untilStopped(signal?: AbortSignal): Promise<void> {
  codeCachePoint();
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export function parsePort(value: string | undefined, flag = '--port'): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usage(`${flag} must be 0-65535, got '${value}'`);
  return port;
}

/** `loupe demo`: the embedded demo server on its own, for trying the CLI or other clients. */
export async function runDemo(
  flags: { port?: string; host?: string; webPort?: string },
  io: CliIo,
  signal?: AbortSignal,
): Promise<number> {
  const port = parsePort(flags.port);
  const webPort = parsePort(flags.webPort);
  const { startDemoServer, startDemoWebServer } = await import('../../core/demo');
  const start = (p: number) => startDemoServer({ host: flags.host, port: p });
  const { started: server, fallback } =
    port === undefined ? await startOnPreferredPort(DEFAULT_DEMO_PORT, start) : { started: await start(port) };
  if (fallback) io.stderr.write(`The demo server's ${fallback}; it is on ${server.address} this time.\n`);
  // A unix socket is for gRPC; the web demo then listens on loopback.
  const webHost = flags.host?.startsWith('unix:') ? undefined : flags.host;
  const startWeb = (p: number) => startDemoWebServer({ host: webHost, port: p });
  const { started: web, fallback: webFallback } =
    webPort === undefined
      ? await startOnPreferredPort(DEFAULT_DEMO_WEB_PORT, startWeb)
      : { started: await startWeb(webPort) };
  if (webFallback) io.stderr.write(`The gRPC-Web/Connect demo's ${webFallback}; it is on ${web.address} this time.\n`);
  io.stdout.write(`Demo server (loupe.demo.v1.Demo, with reflection) listening on ${server.address}\n`);
  io.stdout.write(
    `The same demo over gRPC-Web, gRPC-Web text and Connect (HTTP/1.1 and HTTP/2) listening on ${web.address}\n`,
  );
  io.stderr.write(`Try: loupe call --plaintext ${server.address} loupe.demo.v1.Demo/Echo -d '{"message":"hi"}'\n`);
  io.stderr.write(
    `  or: loupe call --plaintext --protocol connect ${web.address} loupe.demo.v1.Demo/Echo -d '{"message":"hi"}'\n`,
  );
  await untilStopped(signal);
  await web.stop();
  await server.stop();
  return 0;
}

function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    spawn(cmd, args, { detached: true, stdio: 'ignore' })
      .on('error', () => undefined)
      .unref();
  } catch {
    // No browser to open: the URL is printed anyway.
  }
}

/**
 * `loupe web`: browser mode. Imported lazily so list/describe/call start fast and the CLI works
 * even where the server's dependencies (ws, the built renderer) are absent.
 */
export async function runWeb(
  flags: { port?: string; open?: boolean },
  io: CliIo,
  signal?: AbortSignal,
): Promise<number> {
  const port = parsePort(flags.port);
  const { startBrowserMode } = await import('../../server/browser-mode');
  // The build puts the renderer next to the bundle (dist/renderer); LOUPE_RENDERER_DIR overrides.
  const rendererDir = process.env.LOUPE_RENDERER_DIR ?? join(__dirname, 'renderer');
  // The CLI's npm package (loupe-grpc) ships without the UI; a page of 404s would not say so.
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw usage(
      `loupe web needs Loupe's built UI, and there is none in ${rendererDir}. The loupe-grpc package does not include it: run browser mode from a Loupe clone (npm run web), or set LOUPE_RENDERER_DIR to a built dist/renderer.`,
    );
  }
  // The address as soon as the page answers: the browser loads the page while the engine and
  // the demo start.
  const mode = await startBrowserMode({
    rendererDir,
    version: APP_VERSION,
    port,
    onListening: (url) => {
      io.stdout.write(`Loupe is running at ${url}\n`);
      if (flags.open !== false) openBrowser(url);
    },
  });
  if (mode.demoAddress) io.stderr.write(`Demo server on ${mode.demoAddress}\n`);
  if (mode.demoWebAddress) {
    io.stderr.write(`The demo over gRPC-Web, gRPC-Web text and Connect on ${mode.demoWebAddress}\n`);
  }
  for (const note of mode.notes) io.stderr.write(`${note}\n`);
  await untilStopped(signal);
  await mode.close();
  return 0;
}
