/**
 * The script worker: a thread of its own per call with scripts, so a script that loops or
 * allocates without bound stalls neither the engine nor the window, and ends with a clear error.
 * The scripts run in a node:vm context with code generation from strings off; the worker only
 * passes strings in and reads strings back (see sandbox/prelude.ts), and takes away what a script
 * that found its way out of the context would reach for first.
 */
// First: @bufbuild/protobuf reads it when it loads.
import './native-base64';
import { parentPort } from 'node:worker_threads';
import vm from 'node:vm';
import { decodeMessages, type MessageDecoder } from './decode-messages';
import type { FromWorker, HookError, ScriptLimits, ToWorker } from '../protocol';

declare const LOUPE_SANDBOX_PRELUDE: string;

const port = parentPort!;
let context: vm.Context | undefined;
let limits: ScriptLimits;
let decoder: MessageDecoder | undefined;
/** Inputs handed to the fixed scripts below, always primitives. */
const inputs: { a?: unknown; b?: unknown; c?: unknown } = {};

const BEGIN = new vm.Script('__loupe.begin(__in_a, __in_b, __in_c)', { filename: 'loupe:begin' });
const SETTLE = new vm.Script('__loupe.settleCall(__in_a, __in_b)', { filename: 'loupe:settle' });
const TAKE = new vm.Script('__loupe.take()', { filename: 'loupe:take' });
const WHERE = new vm.Script('__loupe.where()', { filename: 'loupe:where' });

function post(message: FromWorker): void {
  port.postMessage(message);
}

function run(script: vm.Script): unknown {
  const ctx = context!;
  ctx.__in_a = inputs.a;
  ctx.__in_b = inputs.b;
  ctx.__in_c = inputs.c;
  return script.runInContext(ctx, { timeout: limits.cpuMs });
}

/** Reads what the sandbox produced and passes it on. */
function pump(): void {
  const text = run(TAKE);
  if (typeof text !== 'string') throw new Error('the sandbox answered with something other than text');
  const outbox = JSON.parse(text) as Extract<FromWorker, { type: 'outbox' }>['outbox'];
  const empty =
    !outbox.logs.length &&
    !outbox.results.length &&
    !outbox.envSets.length &&
    !outbox.calls.length &&
    !outbox.done.length &&
    !outbox.summary &&
    !outbox.droppedLogs;
  if (!empty) post({ type: 'outbox', outbox });
}

function isTimeout(err: unknown): boolean {
  return (err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/** Which hook was running when the CPU limit struck (the context survives a timeout). */
function runningHook(): Omit<HookError, 'message'> {
  try {
    const text = run(WHERE);
    if (typeof text === 'string' && text) return JSON.parse(text) as Omit<HookError, 'message'>;
  } catch {
    // Fall through: say what is known.
  }
  return { hook: 'beforeCall', file: '' };
}

function cpuLimitError(): HookError {
  const at = runningHook();
  return {
    ...at,
    message: `ran for more than ${limits.cpuMs / 1000} s of CPU time without finishing (an endless loop?); scripts stopped for this call`,
  };
}

function load(message: Extract<ToWorker, { type: 'init' }>): void {
  limits = message.limits;
  decoder = decodeMessages(message.descriptors, message.outputType);
  // The sandbox object has no prototype, so nothing of this realm hangs off the context's global.
  context = vm.createContext(Object.create(null) as object, {
    name: 'loupe-scripts',
    codeGeneration: { strings: false, wasm: false },
    microtaskMode: 'afterEvaluate',
  });
  new vm.Script(LOUPE_SANDBOX_PRELUDE, { filename: 'loupe:prelude' }).runInContext(context, { timeout: limits.cpuMs });
  inputs.a = JSON.stringify(message.init);
  run(new vm.Script('__loupe.init(__in_a)'));
  for (const { file, code } of message.files) {
    inputs.a = file;
    run(new vm.Script('__loupe.loading(__in_a)'));
    let script: vm.Script;
    try {
      // On the first line, so line numbers in errors are the file's own.
      script = new vm.Script(`(function () {${code}\n})();`, { filename: file });
    } catch (err) {
      const m = /:(\d+)/.exec((err as Error).stack ?? '');
      return post({
        type: 'load-failed',
        error: {
          message: `syntax error: ${(err as Error).message}`,
          hook: 'beforeCall',
          file,
          ...(m ? { line: Number(m[1]) } : {}),
        },
      });
    }
    try {
      script.runInContext(context, { timeout: limits.cpuMs });
    } catch (err) {
      const text = isTimeout(err)
        ? `ran for more than ${limits.cpuMs / 1000} s of CPU time while loading (an endless loop?)`
        : errorText(err);
      const line = isTimeout(err) ? undefined : lineIn(err, file);
      return post({
        type: 'load-failed',
        error: { message: text, hook: 'beforeCall', file, ...(line ? { line } : {}) },
      });
    }
  }
  const counts = run(new vm.Script('__loupe.hookCounts()'));
  post({ type: 'ready', hooks: JSON.parse(counts as string) as Extract<FromWorker, { type: 'ready' }>['hooks'] });
}

/** An error thrown inside the sandbox, read without trusting it: only its text is used. */
function errorText(err: unknown): string {
  try {
    const e = err as { name?: unknown; message?: unknown };
    if (typeof e?.message === 'string') return typeof e.name === 'string' ? `${e.name}: ${e.message}` : e.message;
    return String(err);
  } catch {
    return 'the script threw something that cannot be shown';
  }
}

function lineIn(err: unknown, file: string): number | undefined {
  try {
    const stack = (err as { stack?: unknown }).stack;
    if (typeof stack !== 'string') return undefined;
    const at = stack.indexOf(`${file}:`);
    return at < 0 ? undefined : Number(/^(\d+)/.exec(stack.slice(at + file.length + 1))?.[1]) || undefined;
  } catch {
    return undefined;
  }
}

function handle(message: ToWorker): void {
  if (message.type === 'init') return load(message);
  if (message.type === 'invoke') {
    inputs.a = message.id;
    inputs.b = message.kind;
    inputs.c = message.input;
    run(BEGIN);
  } else if (message.type === 'messages') {
    inputs.a = message.id;
    inputs.b = 'messages';
    inputs.c = decoder!(message.first, message.bytes, message.sizes);
    run(BEGIN);
  } else {
    inputs.a = message.id;
    inputs.b = message.answer;
    run(SETTLE);
  }
  inputs.c = undefined;
  pump();
}

port.on('message', (message: ToWorker) => {
  try {
    handle(message);
  } catch (err) {
    if (isTimeout(err)) post({ type: 'fatal', error: cpuLimitError() });
    else post({ type: 'fatal', error: { message: errorText(err), hook: 'beforeCall', file: '' } });
  }
});

lockDown();

/**
 * What this thread never needs once running, taken away so that code that found its way out of
 * the sandbox finds no file system, network, child process or native module at hand.
 */
function lockDown(): void {
  const proc = process as unknown as Record<string, unknown>;
  for (const key of ['binding', '_linkedBinding', 'dlopen', 'getBuiltinModule', 'mainModule', 'chdir', 'kill', 'env']) {
    try {
      Object.defineProperty(proc, key, { value: undefined, configurable: false, writable: false });
    } catch {
      // Some are not configurable in some versions; the context boundary is the main guard.
    }
  }
  const global = globalThis as unknown as Record<string, unknown>;
  for (const key of ['fetch', 'WebSocket', 'EventSource', 'XMLHttpRequest', 'require', 'module']) {
    try {
      delete global[key];
    } catch {
      // As above.
    }
  }
}
