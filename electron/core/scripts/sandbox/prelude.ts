/**
 * The script API, as it runs inside the sandbox's own JavaScript realm (a node:vm context in the
 * script worker). Bundled with chai into one script (scripts/lib/script-worker-bundle.mjs).
 *
 * Nothing crosses the realm boundary but strings: the worker calls `__loupe` through fixed
 * scripts run with a CPU-time limit and reads back JSON text, so no object of the worker's realm
 * (whose Function constructor would reach Node) is ever reachable from a script.
 */
import { stringifyExact } from '../../../../shared/json/json-text';
import { emptySummary, tally, type HookName, type TestResult } from '../../../../shared/model/scripts';
import type { Outbox, PreludeInit } from '../protocol';
import { metadataView, readMessage, requestView, type RequestInput } from './request-view';
import { differences, withoutIgnored } from './snapshot-compare';
import { assert, expect, NOTHING_ASSERTED, withExpectations } from './expectations';
import { MessageReader } from './lazy-message';
import type { MessagePlans } from '../message-plan';

type Hook = (...args: unknown[]) => unknown;
interface Registered {
  fn: Hook;
  file: string;
}
const hooks: Record<HookName, Registered[]> = { beforeCall: [], beforeSend: [], onMessage: [], afterCall: [] };
const MAX_RESULTS = 500;
const MAX_LOGS = 1000;
const MAX_LOG_CHARS = 10_000;

let init: PreludeInit = { variables: {}, approved: {}, keepMessages: 10_000 };
let loadingFile = '';
let current: { hook: HookName; file: string; index?: number } | undefined;
let outbox = newOutbox();
const summary = emptySummary();
let droppedLogs = 0;
let logged = 0;
/** Results sent one by one so far; past MAX_RESULTS they are only counted in the summary. */
let reported = 0;
let nextCallId = 1;
const waitingCalls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
const kept: unknown[] = [];
let receivedCount = 0;
let chain: Promise<unknown> = Promise.resolve();
let pendingTests: Array<Promise<void>> = [];
/** Reads received messages from their wire bytes, when the worker sent reading plans. */
let messageReader: MessageReader | undefined;

function newOutbox(): Outbox {
  return { logs: [], results: [], envSets: [], calls: [], done: [], summary: undefined };
}

function where(): { hook: HookName; file: string; index?: number } {
  if (!current) throw new Error('this can only be used inside a hook (beforeCall, beforeSend, onMessage, afterCall)');
  return current;
}

function register(hook: HookName) {
  return (fn: unknown) => {
    if (typeof fn !== 'function') throw new TypeError(`${hook}(fn) takes a function`);
    if (current) throw new Error(`${hook}() registers a hook: call it at the top level of the script`);
    hooks[hook].push({ fn: fn as Hook, file: loadingFile });
  };
}

function record(result: TestResult): void {
  tally(summary, result);
  outbox.summary = summary;
  // A passing per-message test is only counted; everything else is reported (bounded).
  if (result.index !== undefined && result.passed && !result.snapshot) return;
  if (reported++ < MAX_RESULTS) outbox.results.push(result);
}

function test(name: unknown, fn: unknown): void {
  const at = where();
  if (typeof name !== 'string' || !name) throw new TypeError('test(name, fn) takes a name');
  if (typeof fn !== 'function') throw new TypeError('test(name, fn) takes a function');
  // As a passing result already: a passing per-message test is only counted (see record).
  const base: TestResult = {
    name,
    file: at.file,
    hook: at.hook,
    ...(at.index !== undefined ? { index: at.index } : {}),
    passed: true,
  };
  const fail = (err: unknown) => record({ ...base, passed: false, message: errorMessage(err) });
  const pass = (unasserted: () => number) =>
    record(unasserted() ? { ...base, passed: false, message: NOTHING_ASSERTED } : base);
  try {
    const { value: out, unasserted } = withExpectations(fn as () => unknown);
    if (isThenable(out)) pendingTests.push(Promise.resolve(out).then(() => pass(unasserted), fail));
    else pass(unasserted);
  } catch (err) {
    fail(err);
  }
}

function snapshot(name: unknown, value: unknown, options: { ignore?: unknown } = {}): void {
  const at = where();
  if (typeof name !== 'string' || !name) throw new TypeError('snapshot(name, value) takes a name');
  const ignore = Array.isArray(options.ignore) ? options.ignore.map(String) : [];
  const received = stringifyExact(value);
  const approvedText = init.approved[name];
  const base = { name: `snapshot: ${name}`, file: at.file, hook: at.hook };
  if (approvedText === undefined) {
    record({
      ...base,
      passed: false,
      message: 'no approved snapshot yet: approve this response to make it the one later runs compare with',
      snapshot: { name, state: 'new', received, ignore },
    });
    return;
  }
  const approved: unknown = JSON.parse(approvedText);
  const diff = differences(withoutIgnored(approved, ignore), withoutIgnored(JSON.parse(received), ignore));
  record({
    ...base,
    passed: diff.length === 0,
    ...(diff.length ? { message: `differs from the approved snapshot at ${diff.join('; ')}` } : {}),
    snapshot: { name, state: diff.length ? 'mismatch' : 'matched', received, approved: approvedText, ignore },
  });
}

function log(...args: unknown[]): void {
  const at = where();
  if (logged >= MAX_LOGS) return void droppedLogs++;
  logged++;
  const text = args.map((a) => (typeof a === 'string' ? a : compact(a))).join(' ');
  outbox.logs.push({
    text: text.length > MAX_LOG_CHARS ? `${text.slice(0, MAX_LOG_CHARS)}...` : text,
    file: at.file,
    hook: at.hook,
    ...(at.index !== undefined ? { index: at.index } : {}),
  });
}

function compact(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return typeof value === 'bigint' ? value.toString() : stringifyExact(value).replace(/\n\s*/g, ' ');
  } catch {
    return String(value);
  }
}

const env = Object.freeze({
  get: (name: string): string | undefined => init.variables[String(name)],
  has: (name: string): boolean => Object.hasOwn(init.variables, String(name)),
  set(name: string, value: unknown, options: { secret?: boolean } = {}): void {
    const key = String(name);
    if (!/^[A-Za-z_][\w.-]*$/.test(key))
      throw new Error(`env.set: '${key}' is not a variable name (letters, digits, _ . -)`);
    const text = typeof value === 'string' ? value : compact(value);
    init.variables[key] = text;
    outbox.envSets.push({ name: key, value: text, secret: options.secret === true });
  },
});

function call(method: unknown, body: unknown = {}, options: { metadata?: unknown; deadlineMs?: unknown } = {}) {
  const at = where();
  if (typeof method !== 'string' || !method.includes('/'))
    throw new TypeError("call(method, body) takes 'pkg.Service/Method'");
  const id = nextCallId++;
  const metadata = Array.isArray(options.metadata)
    ? options.metadata.map((r: { name: string; value: string }) => ({ name: String(r.name), value: String(r.value) }))
    : Object.entries((options.metadata as Record<string, unknown> | undefined) ?? {}).map(([name, value]) => ({
        name,
        value: String(value),
      }));
  outbox.calls.push({
    id,
    file: at.file,
    hook: at.hook,
    method,
    body: typeof body === 'string' ? body : stringifyExact(body),
    metadata,
    ...(typeof options.deadlineMs === 'number' ? { deadlineMs: options.deadlineMs } : {}),
  });
  return new Promise((resolve, reject) => waitingCalls.set(id, { resolve, reject }));
}

/**
 * Runs the hooks of one kind in order, with `current` naming the running one. Synchronously
 * while they are synchronous: a per-message hook runs for every message of a stream, and a
 * promise for each would cost more than most hooks do.
 */
function runHooks(
  hook: HookName,
  args: (file: string) => unknown[],
  index?: number,
  which: Registered[] = hooks[hook],
): unknown[] | Promise<unknown[]> {
  const outs: unknown[] = [];
  const from = (k: number): unknown[] | Promise<unknown[]> => {
    for (; k < which.length; k++) {
      const h = which[k]!;
      const out = runHook(hook, h, args(h.file), index);
      if (out instanceof Promise)
        return out.then((value) => {
          outs.push(value);
          return from(k + 1);
        });
      outs.push(out);
    }
    return outs;
  };
  return from(0);
}

/** One hook: its value, or a promise of it when the hook (or a test in it) is asynchronous. */
function runHook(hook: HookName, h: Registered, args: unknown[], index?: number): unknown {
  current = { hook, file: h.file, ...(index !== undefined ? { index } : {}) };
  pendingTests = [];
  let out: unknown;
  try {
    out = h.fn(...args);
  } catch (err) {
    current = undefined;
    throw new HookFailure(hook, h.file, err);
  }
  if (!isThenable(out) && !pendingTests.length) {
    current = undefined;
    return out;
  }
  const tests = pendingTests;
  return (async () => {
    try {
      const value = await out;
      if (tests.length) await Promise.all(tests);
      return value;
    } catch (err) {
      throw new HookFailure(hook, h.file, err);
    } finally {
      current = undefined;
    }
  })();
}

class HookFailure extends Error {
  constructor(
    readonly hook: HookName,
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(errorMessage(cause));
  }
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return typeof err === 'string' ? err : compact(err);
}

/** `file.js:12:5` of the first frame in one of the user's files. */
function lineOf(err: unknown, file: string): number | undefined {
  const stack = err instanceof Error && typeof err.stack === 'string' ? err.stack : '';
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`${escaped}:(\\d+)`).exec(stack);
  return m ? Number(m[1]) : undefined;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (
    v !== null &&
    (typeof v === 'object' || typeof v === 'function') &&
    typeof (v as { then?: unknown }).then === 'function'
  );
}

/** beforeSend hooks in order, each seeing what the one before returned: false or null drops the message. */
async function sendThroughHooks(index: number, text: string): Promise<{ drop: true } | { text: string }> {
  let message: unknown = readMessage(text, `message ${index + 1}`);
  for (const h of hooks.beforeSend) {
    const [out] = await runHooks('beforeSend', () => [message, { index }], index, [h]);
    if (out === false || out === null) return { drop: true };
    if (out !== undefined) message = out;
  }
  return { text: stringifyExact(message) };
}

/** Queues work behind everything before it, and reports its end under `id`. */
function enqueue(id: number, work: () => Promise<unknown>): void {
  chain = chain.then(work).then(
    (result) => void outbox.done.push({ id, result: result === undefined ? undefined : JSON.stringify(result) }),
    (err: unknown) => {
      const failure = err instanceof HookFailure ? err : new HookFailure('onMessage', '', err);
      const line = lineOf(failure.cause, failure.file);
      outbox.done.push({
        id,
        error: { message: failure.message, hook: failure.hook, file: failure.file, ...(line ? { line } : {}) },
      });
    },
  );
}

function statusView(raw: Record<string, unknown>) {
  const headers = (raw.headers as Array<{ name: string; value: string }>) ?? [];
  const trailers = (raw.trailers as Array<{ name: string; value: string }>) ?? [];
  const status = raw.status as { code: number };
  return {
    status,
    ok: status.code === 0,
    headers: metadataView(headers, false),
    trailers: metadataView(trailers, false),
    message: kept.length ? kept[kept.length - 1] : undefined,
    messages: kept.slice(-init.keepMessages),
    count: receivedCount,
    timings: raw.timings,
  };
}

/** Received messages through onMessage, in order; kept for afterCall when it reads them. */
function receive(id: number, first: number, list: unknown[]): void {
  const keep = hooks.afterCall.length > 0;
  const from = (i: number): void | Promise<void> => {
    for (; i < list.length; i++) {
      const message = list[i];
      receivedCount++;
      if (keep) {
        kept.push(message);
        // Trimmed now and then, not shifted a message at a time (that is O(n) each).
        if (kept.length >= 2 * init.keepMessages) kept.splice(0, kept.length - init.keepMessages);
      }
      if (!hooks.onMessage.length) continue;
      const index = first + i;
      const out = runHooks('onMessage', () => [message, { index }], index);
      if (out instanceof Promise) return out.then(() => from(i + 1));
    }
  };
  enqueue(id, () => Promise.resolve(from(0)));
}

/** What the worker handed over for the next step (see setInputs). */
let inputs: unknown[] = [];

const controller = {
  setInputs(...values: unknown[]) {
    inputs = values;
  },
  inputs: () => inputs,
  beginWithInputs() {
    const [id, kind, text] = inputs as [number, string, string];
    inputs = [];
    controller.begin(id, kind, text);
  },
  /** Received messages as wire bytes: their sizes (comma-separated), then Latin-1 strings of them. */
  receiveWithInputs() {
    const [id, first, sizes, ...chunks] = inputs as [number, number, string, ...string[]];
    inputs = [];
    receive(id, first, messageReader!.batch(sizes, chunks));
  },
  plans(text: string) {
    messageReader = new MessageReader(JSON.parse(text) as MessagePlans);
  },
  settleWithInputs() {
    const [id, text] = inputs as [number, string];
    inputs = [];
    controller.settleCall(id, text);
  },
  init(text: string) {
    init = JSON.parse(text) as PreludeInit;
  },
  loading(file: string) {
    loadingFile = file;
  },
  hookCounts(): string {
    return JSON.stringify(Object.fromEntries(Object.entries(hooks).map(([k, v]) => [k, v.length])));
  },
  begin(id: number, kind: string, text: string): void {
    const input = JSON.parse(text) as Record<string, unknown>;
    if (kind === 'beforeCall') {
      const { view, output } = requestView(input as unknown as RequestInput);
      enqueue(id, async () => {
        await runHooks('beforeCall', () => [view]);
        return output();
      });
    } else if (kind === 'beforeSend') {
      enqueue(id, () => sendThroughHooks(input.index as number, input.text as string));
    } else if (kind === 'messages') {
      receive(id, input.first as number, input.messages as unknown[]);
    } else if (kind === 'afterCall') {
      const view = statusView(input);
      enqueue(id, () => Promise.resolve(runHooks('afterCall', () => [view])));
    } else throw new Error(`unknown invocation ${kind}`);
  },
  settleCall(id: number, text: string): void {
    const waiting = waitingCalls.get(id);
    if (!waiting) return;
    waitingCalls.delete(id);
    const answer = JSON.parse(text) as { error?: string; result?: unknown };
    if (answer.error !== undefined) waiting.reject(new Error(answer.error));
    else waiting.resolve(answer.result);
  },
  where(): string {
    return current ? JSON.stringify({ hook: current.hook, file: current.file }) : '';
  },
  take(): string {
    const out = outbox;
    outbox = newOutbox();
    if (droppedLogs) out.droppedLogs = droppedLogs;
    return JSON.stringify(out);
  },
};

const api: Record<string, unknown> = {
  beforeCall: register('beforeCall'),
  beforeSend: register('beforeSend'),
  onMessage: register('onMessage'),
  afterCall: register('afterCall'),
  test,
  snapshot,
  expect,
  assert,
  env,
  call,
  log,
  console: Object.freeze({ log, info: log, warn: log, error: log, debug: log }),
  __loupe: Object.freeze(controller),
};
for (const [name, value] of Object.entries(api))
  Object.defineProperty(globalThis, name, { value, writable: false, configurable: false, enumerable: false });
