// Counts what one unary call costs in events rather than milliseconds, so a busy machine cannot
// blur it: async resources made on the engine's thread (timers, immediates, promises, fs and
// socket requests), frames each way over the WebSocket, history lines written. Run it under
// `strace -f -c` for the system calls; a run with n=0 gives what start-up alone costs.
//
//   node scripts/bench/count-unary.mjs engine|bare <demo address> [n]
// (`node dist/cli.cjs demo` prints the address; `npm run bench` builds dist/bench first.)
import { createHook } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bareDemoClient, demoTarget, require } from './lib/common.mjs';
import { startEngineHost } from './lib/engine-host.mjs';

const [mode, address, nText = '2000'] = process.argv.slice(2);
const n = Number(nText);
if (!['engine', 'bare'].includes(mode) || !address || !Number.isInteger(n) || n < 0) {
  console.error('usage: count-unary.mjs engine|bare <demo address> [n]');
  process.exit(2);
}

const created = new Map();
const hook = createHook({ init: (_id, type) => created.set(type, (created.get(type) ?? 0) + 1) });
const frames = { toConsumer: 0, toEngine: 0 };

if (mode === 'bare') {
  const bare = bareDemoClient(address);
  for (let i = 0; i < 200; i++) await bare.echo('hi');
  hook.enable();
  for (let i = 0; i < n; i++) await bare.echo('hi');
  hook.disable();
  bare.close();
  report({});
} else {
  // The engine's side of each WebSocket (this thread; the consumer's socket is in the worker).
  const { prototype: socket } = require('ws');
  const { send, emit } = socket;
  socket.send = function (...args) {
    frames.toConsumer++;
    return send.apply(this, args);
  };
  socket.emit = function (event, ...args) {
    if (event === 'message') frames.toEngine++;
    return emit.call(this, event, ...args);
  };
  const host = await startEngineHost();
  const command = {
    type: 'unary-series',
    target: demoTarget(address),
    method: 'loupe.demo.v1.Demo/Echo',
    body: '{"message":"hi"}',
  };
  await host.ask({ ...command, n: 200 });
  Object.assign(frames, { toConsumer: 0, toEngine: 0 });
  hook.enable();
  if (n > 0) await host.ask({ ...command, n });
  hook.disable();
  const history = join(host.engine.options.dataDir, 'history', 'history.jsonl');
  await host.close();
  report({ frames, historyLines: readFileSync(history, 'utf8').split('\n').filter(Boolean).length });
}

function report(extra) {
  const perCall = Object.fromEntries(
    [...created].sort((a, b) => b[1] - a[1]).map(([type, count]) => [type, n ? Number((count / n).toFixed(2)) : count]),
  );
  console.log(JSON.stringify({ mode, n, asyncResourcesPerCall: perCall, ...extra }, null, 1));
}
