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
import { receivedMessages, type ReceivedMessages } from './decode-messages';
import type { FromWorker, HookError, ScriptLimits, ToWorker } from '../protocol';

declare const LOUPE_SANDBOX_PRELUDE: string;

const port = parentPort!;
let context: vm.Context | undefined;
let limits: ScriptLimits;
let received: ReceivedMessages | undefined;
/**
 * Hands the fixed scripts below their inputs, always primitives: the prelude's own setter, called
 * directly (it only stores them; no script runs). A large string set as a property of the
 * context's global instead costs ~30 µs a 1 KiB message when the script reads it back.
 */
let setInputs: (a?: unknown, b?: unknown, c?: unknown) => void = () => undefined;

const BEGIN = new vm.Script('__loupe.beginWithInputs()', { filename: 'loupe:begin' });
const RECEIVE = new vm.Script('__loupe.receiveWithInputs()', { filename: 'loupe:receive' });
const SETTLE = new vm.Script('__loupe.settleWithInputs()', { filename: 'loupe:settle' });
const TAKE = new vm.Script('__loupe.take()', { filename: 'loupe:take' });
const WHERE = new vm.Script('__loupe.where()', { filename: 'loupe:where' });

function post(message: FromWorker): void {
  port.postMessage(message);
}

/**
 * Runs a fixed script. `timed` steps (loading, beforeCall, beforeSend, afterCall) carry the VM's
 * own CPU timeout, which names the hook that ran away; it starts a watchdog thread each time,
 * which costs more than a batch of messages does, so the steps that come by the thousand
 * (messages, reading the outbox, settling helper calls) rely on the engine's watchdog instead
 * (ScriptSession), which ends the whole worker.
 */
function run(script: vm.Script, timed: boolean, ...inputs: unknown[]): unknown {
  setInputs(...inputs);
  return script.runInContext(context!, timed ? { timeout: limits.cpuMs } : {});
}

/**
 * Reads what the sandbox produced and passes it on: once for every message handled, even with
 * nothing in it, so the engine's watchdog can tell a busy worker from one waiting for an answer.
 */
function pump(): void {
  const text = run(TAKE, false);
  if (typeof text !== 'string') throw new Error('the sandbox answered with something other than text');
  post({ type: 'outbox', outbox: JSON.parse(text) as Extract<FromWorker, { type: 'outbox' }>['outbox'] });
}

/** Below V8's large-object size: a string beyond it costs ~5 ns a byte to make, one below ~0.3. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Wire bytes as Latin-1 text (a char a byte; strings are all that cross into the sandbox), in
 * strings of whole messages of at most CHUNK_BYTES (a larger message is a string of its own).
 */
function latin1Chunks(bytes: Uint8Array, sizes: number[]): string[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: string[] = [];
  let start = 0;
  let end = 0;
  for (const size of sizes) {
    if (end + size - start > CHUNK_BYTES && end > start) {
      chunks.push(buffer.toString('latin1', start, end));
      start = end;
    }
    end += size;
  }
  chunks.push(buffer.toString('latin1', start, end));
  return chunks;
}

function isTimeout(err: unknown): boolean {
  return (err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/** Which hook was running when the CPU limit struck (the context survives a timeout). */
function runningHook(): Omit<HookError, 'message'> {
  try {
    const text = run(WHERE, true);
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

/**
 * The sandbox with Loupe's prelude (chai, the hooks' API) in it, made as the worker starts rather
 * when its call's scripts arrive: a worker started ahead for the next call (script-worker-start.ts)
 * has it ready. Nothing of a call is in it yet, and each worker serves one call.
 */
function makeSandbox(): void {
  // The sandbox object has no prototype, so nothing of this realm hangs off the context's global.
  context = vm.createContext(Object.create(null) as object, {
    name: 'loupe-scripts',
    codeGeneration: { strings: false, wasm: false },
    microtaskMode: 'afterEvaluate',
  });
  // Loupe's own code, which ends: no user script runs before `load`.
  new vm.Script(LOUPE_SANDBOX_PRELUDE, { filename: 'loupe:prelude' }).runInContext(context);
  // Taken before any user script runs; the prelude's controller is frozen and its global fixed.
  setInputs = new vm.Script('__loupe.setInputs').runInContext(context) as typeof setInputs;
}

function load(message: Extract<ToWorker, { type: 'init' }>): void {
  limits = message.limits;
  received = receivedMessages(message.descriptors, message.outputType);
  run(new vm.Script('__loupe.init(__loupe.inputs()[0])'), true, JSON.stringify(message.init));
  if (received.plans) run(new vm.Script('__loupe.plans(__loupe.inputs()[0])'), true, JSON.stringify(received.plans));
  for (const { file, code } of message.files) {
    run(new vm.Script('__loupe.loading(__loupe.inputs()[0])'), true, file);
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
      script.runInContext(context!, { timeout: limits.cpuMs });
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
  const counts = run(new vm.Script('__loupe.hookCounts()'), true);
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
  if (message.type === 'invoke') run(BEGIN, true, message.id, message.kind, message.input);
  else if (message.type === 'messages') {
    const { bytes, sizes } = message;
    if (received!.plans) run(RECEIVE, false, message.id, message.first, sizes.join(','), ...latin1Chunks(bytes, sizes));
    else run(BEGIN, false, message.id, 'messages', received!.decode(message.first, bytes, sizes));
  } else run(SETTLE, false, message.id, message.answer);
  pump();
}

makeSandbox();

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
