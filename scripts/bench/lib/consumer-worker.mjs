// The consumer side of the RPC, in its own thread: what the renderer does with a stream, minus
// the DOM. It parses every JSON frame, applies each batch (counters plus a bounded buffer, as the
// renderer's call buffers do) and returns credit, so the engine sees a real consumer.
import { parentPort, workerData } from 'node:worker_threads';
import { loadEngineBundle, require } from './common.mjs';

const { RpcClient, PortEvents } = loadEngineBundle();
const WebSocket = require('ws');

const KEEP = 10_000;

function connect(url) {
  const socket = new WebSocket(url, { maxPayload: 256 * 1024 * 1024 });
  const events = new PortEvents();
  socket.on('message', (data, isBinary) => {
    if (!isBinary) events.emitMessage(JSON.parse(data.toString()));
  });
  socket.on('close', () => events.emitClose());
  socket.on('error', () => events.emitClose());
  const port = {
    send: (message) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(message)),
    onMessage: (listener) => events.onMessage(listener),
    onClose: (listener) => events.onClose(listener),
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(port));
    socket.once('error', reject);
  });
}

const port = await connect(workerData.url);
const client = new RpcClient(port);
let callSeq = 0;

/** Opens a call and applies its events until it ends. */
function runCall({ target, method, body, emitDefaults = false, environment, requestPath }) {
  const callId = `bench-${++callSeq}`;
  const buffer = [];
  let received = 0;
  let status;
  let tests;
  let batches = 0;
  let bytes = 0;
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    client.subscribe(
      'call.open',
      {
        target,
        callId,
        method,
        messages: [body],
        metadata: [],
        emitDefaults,
        ...(environment ? { environment, requestPath } : {}),
      },
      {
        onEvents(events) {
          batches++;
          for (const event of events) {
            if (event.type === 'received') {
              received++;
              bytes += event.size ?? 0;
              buffer.push(event);
              if (buffer.length > KEEP * 2) buffer.splice(0, buffer.length - KEEP);
            } else if (event.type === 'received-run') {
              // Messages that crossed without JSON, packed: counted and kept one by one.
              for (let i = 0; i < event.times.length; i++) {
                received++;
                bytes += event.sizes[i];
                buffer.push({ index: event.index + i, t: event.times[i], size: event.sizes[i] });
              }
              if (buffer.length > KEEP * 2) buffer.splice(0, buffer.length - KEEP);
            } else if (event.type === 'status') {
              status = event.status;
            } else if (event.type === 'tests') {
              tests = event.summary;
            }
          }
        },
        onEnd(error) {
          const ms = performance.now() - t0;
          if (error) return reject(new Error(`${method} ended with ${error.code}: ${error.message}`));
          resolve({ callId, received, ms, batches, bytes, status, tests });
        },
      },
    );
  });
}

parentPort.on('message', async (command) => {
  try {
    let result;
    switch (command.type) {
      case 'ready':
        result = true;
        break;
      case 'request':
        result = await client.request(command.method, command.input);
        break;
      case 'call': {
        result = await runCall(command);
        if (command.release) await client.request('call.release', { callId: result.callId });
        break;
      }
      case 'unary-series': {
        // Sequential round trips, each from call.open to the end of its event log.
        const times = [];
        for (let i = 0; i < command.n; i++) {
          const r = await runCall(command);
          if (r.received !== 1) throw new Error(`expected one response, got ${r.received}`);
          times.push(r.ms);
          await client.request('call.release', { callId: r.callId });
        }
        result = times;
        break;
      }
      default:
        throw new Error(`unknown command ${command.type}`);
    }
    parentPort.postMessage({ id: command.id, result });
  } catch (error) {
    parentPort.postMessage({ id: command.id, error: String(error?.stack ?? error) });
  }
});
