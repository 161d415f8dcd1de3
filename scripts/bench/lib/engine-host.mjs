// The engine as browser mode runs it (the real Engine behind the real WebSocket port, JSON text
// frames on loopback), with the consumer in a worker thread standing in for the renderer's process.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { loadEngineBundle, require, tempDir } from './common.mjs';
import { BENCH_DIR } from './paths.mjs';

export const TRANSPORT =
  'WebSocket on 127.0.0.1 (ws), one JSON text frame per envelope (electron/server/websocket-port.ts); consumer in a worker thread';

/** `cacheDir`: a schema cache to share between hosts (a reload); an empty one of its own by default. */
export async function startEngineHost({ cacheDir = join(tempDir(), 'schema-cache') } = {}) {
  const { Engine, webSocketPort } = loadEngineBundle();
  const { WebSocketServer } = require('ws');
  // A data folder of its own: the bench neither reads nor writes the user's history or trust.
  const engine = new Engine({ version: 'bench', cacheDir, dataDir: tempDir() });
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 256 * 1024 * 1024 });
  await once(wss, 'listening');
  wss.on('connection', (socket) => engine.connect(webSocketPort(socket)));
  const url = `ws://127.0.0.1:${wss.address().port}`;

  const worker = new Worker(join(BENCH_DIR, 'lib', 'consumer-worker.mjs'), { workerData: { url } });
  let nextId = 1;
  const waiting = new Map();
  worker.on('message', (msg) => {
    const entry = waiting.get(msg.id);
    if (!entry) return;
    waiting.delete(msg.id);
    if (msg.error) entry.reject(new Error(msg.error));
    else entry.resolve(msg.result);
  });
  worker.on('error', (error) => {
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  });
  /** Asks the consumer to do something over the RPC; resolves with what it measured. */
  const ask = (command) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...command });
    });
  await ask({ type: 'ready' });
  return {
    engine,
    ask,
    async close() {
      await worker.terminate();
      for (const client of wss.clients) client.terminate();
      wss.close();
      await engine.close();
    },
  };
}
