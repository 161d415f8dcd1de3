import type { ResourceLimits, Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/model/errors';
import type { HookName } from '../../../shared/model/scripts';
import {
  DEFAULT_SCRIPT_LIMITS,
  type FromWorker,
  type HookError,
  type Outbox,
  type PreludeInit,
  type ScriptLimits,
  type ScriptSource,
  type ToWorker,
} from './protocol';
import { scriptWorker, startSpareScriptWorker } from './script-worker-start';

export interface ScriptSessionOptions {
  files: ScriptSource[];
  init: PreludeInit;
  /** The schema as a FileDescriptorSet and the type of the messages the call receives. */
  descriptors: Uint8Array;
  outputType: string;
  limits?: Partial<ScriptLimits>;
  /** Logs, test results, variables set and helper calls, as the scripts produce them (see ScriptSession.onOutbox). */
  onOutbox?: (outbox: Outbox) => void;
}

type InvokeKind = 'beforeCall' | 'beforeSend' | 'afterCall';

const resourceLimitsOf = (limits: ScriptLimits): ResourceLimits => ({
  maxOldGenerationSizeMb: limits.memoryMb,
  maxYoungGenerationSizeMb: 32,
});

let liveWorkers = 0;
/**
 * Calls' script workers not yet exited (not the one started ahead for the next call): every
 * call's worker must end with it (tests check).
 */
export function liveScriptWorkers(): number {
  return liveWorkers;
}

/** A hook's failure as people read it: which hook, which file and line, what happened. */
export function hookFailure(error: HookError): AppError {
  const where = error.file ? ` in ${error.file}${error.line ? `:${error.line}` : ''}` : '';
  return new AppError('SCRIPT', `The ${error.hook} hook${where} failed: ${error.message}`, {
    ...(error.file ? { locations: [{ file: error.file, ...(error.line ? { line: error.line } : {}) }] } : {}),
  });
}

/**
 * The scripts of one call, running in a worker thread of their own (see worker/script-worker.ts).
 * Every step answers or fails: a hook that throws, loops, allocates without bound or never
 * finishes fails its promise with a clear error, and the worker is ended.
 */
export class ScriptSession {
  private readonly waiting = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void; timer?: NodeJS.Timeout }
  >();
  private nextId = 1;
  private failure: AppError | undefined;
  private closed = false;
  /** What was posted to the worker and not yet handled (it answers each with one outbox), oldest first. */
  private readonly unhandled: Array<{ kind: string; timed: boolean }> = [];
  private lastHeard = Date.now();
  private readonly watchdog: NodeJS.Timeout;
  /** Batches of received messages handed over and not yet through onMessage. */
  inFlight = 0;

  private constructor(
    private readonly worker: Worker,
    private readonly limits: ScriptLimits,
    /** Where what the scripts produce goes; set by whoever runs the call. */
    public onOutbox: (outbox: Outbox) => void,
    readonly hooks: Record<HookName, number>,
  ) {
    // The CPU bound of the steps that run without the VM's own timeout (see script-worker.ts):
    // a worker that has work in hand and says nothing for longer is stuck in a script.
    this.watchdog = setInterval(() => this.checkBusy(), Math.max(25, limits.cpuMs / 4));
    this.watchdog.unref();
  }

  private checkBusy(): void {
    const oldest = this.unhandled[0];
    if (!oldest) return;
    // A step with the VM's own timeout is left to it (its error names the file), with room to spare.
    const bound = oldest.timed ? 2 * this.limits.cpuMs + 1000 : this.limits.cpuMs;
    if (Date.now() - this.lastHeard <= bound) return;
    const hook = oldest.kind === 'settle-call' ? 'a hook waiting on call()' : `the ${oldest.kind} hook`;
    this.fail(
      new AppError(
        'SCRIPT',
        `A script in ${hook} ran for more than ${this.limits.cpuMs / 1000} s of CPU time without finishing (an endless loop?); scripts stopped for this call`,
      ),
    );
  }

  private post(message: ToWorker, kind: string, transfer: ArrayBuffer[] = []): void {
    if (!this.unhandled.length) this.lastHeard = Date.now();
    // Loading and the before/after hooks run under the VM's timeout (see script-worker.ts).
    this.unhandled.push({ kind, timed: message.type === 'invoke' });
    this.worker.postMessage(message, transfer);
  }

  static async start(options: ScriptSessionOptions): Promise<ScriptSession> {
    const limits = { ...DEFAULT_SCRIPT_LIMITS, ...options.limits };
    const worker = await scriptWorker(resourceLimitsOf(limits));
    liveWorkers++;
    worker.once('exit', () => liveWorkers--);
    // Set once loaded; until then the worker's messages answer the load.
    const loaded: { session?: ScriptSession } = {};
    let loadError: (err: Error) => void = () => undefined;
    let loadExit: () => void = () => undefined;
    const ready = new Promise<Record<HookName, number>>((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        if (loaded.session) return loaded.session.receive(message);
        if (message.type === 'ready') resolve(message.hooks);
        else if (message.type === 'load-failed') reject(loadFailure(message.error));
        else if (message.type === 'fatal') reject(loadFailure(message.error));
      });
      loadError = (err: Error) => reject(workerFailure(err, limits));
      loadExit = () => reject(new AppError('SCRIPT', 'The script worker stopped while loading the scripts'));
      worker.once('error', loadError);
      worker.once('exit', loadExit);
    });
    const init: ToWorker = {
      type: 'init',
      files: options.files,
      init: options.init,
      descriptors: options.descriptors,
      outputType: options.outputType,
      limits,
    };
    worker.postMessage(init);
    let hooks: Record<HookName, number>;
    try {
      hooks = await withTimeout(
        ready,
        limits.wallMs,
        () => new AppError('SCRIPT', 'The scripts did not finish loading'),
      );
    } catch (err) {
      void worker.terminate();
      throw err;
    }
    const session = new ScriptSession(worker, limits, options.onOutbox ?? (() => undefined), hooks);
    loaded.session = session;
    // Scripts are in use: the next call's worker starts while this one runs, not on that call's path.
    startSpareScriptWorker(resourceLimitsOf(limits));
    worker.off('error', loadError);
    worker.off('exit', loadExit);
    worker.on('error', (err) => session.fail(workerFailure(err, limits)));
    worker.on('exit', () => session.fail(new AppError('SCRIPT', 'The script worker stopped')));
    return session;
  }

  /** Runs a hook kind with its input; resolves with what the hooks produced. */
  invoke(kind: InvokeKind, input: unknown): Promise<unknown> {
    return this.request({ type: 'invoke', kind, input: JSON.stringify(input) }, true);
  }

  /** Hands received messages (wire bytes) to onMessage; resolves once they went through. */
  messages(first: number, chunks: Uint8Array[]): Promise<unknown> {
    const sizes = chunks.map((c) => c.length);
    const bytes = new Uint8Array(sizes.reduce((a, b) => a + b, 0));
    let offset = 0;
    for (const c of chunks) {
      bytes.set(c, offset);
      offset += c.length;
    }
    this.inFlight++;
    const done = this.request({ type: 'messages', first, bytes, sizes }, false, [bytes.buffer]);
    return done.finally(() => this.inFlight--);
  }

  /** Answers a helper call a script made. */
  settleCall(id: number, answer: { result: unknown } | { error: string }): void {
    if (this.failure || this.closed) return;
    this.post({ type: 'settle-call', id, answer: JSON.stringify(answer) }, 'settle-call');
  }

  /** The CPU time one step (a batch of messages through onMessage) may take. */
  get cpuMs(): number {
    return this.limits.cpuMs;
  }

  /** The error that ended this session, if one did. */
  get failed(): AppError | undefined {
    return this.failure;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.watchdog);
    for (const w of this.waiting.values()) {
      clearTimeout(w.timer);
      w.reject(new AppError('CANCELLED', 'The call ended before its scripts did'));
    }
    this.waiting.clear();
    void this.worker.terminate();
  }

  private request(
    message: Omit<Extract<ToWorker, { type: 'invoke' }>, 'id'> | Omit<Extract<ToWorker, { type: 'messages' }>, 'id'>,
    timed: boolean,
    transfer: ArrayBuffer[] = [],
  ): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new AppError('CANCELLED', 'The call has ended'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const entry: { resolve(v: unknown): void; reject(e: Error): void; timer?: NodeJS.Timeout } = { resolve, reject };
      if (timed) {
        const hook = (message as { kind?: string }).kind ?? 'onMessage';
        entry.timer = setTimeout(
          () =>
            this.fail(
              new AppError(
                'SCRIPT',
                `The ${hook} hook did not finish within ${this.limits.wallMs / 1000} s (is it waiting for something that never happens?); scripts stopped for this call`,
              ),
            ),
          this.limits.wallMs,
        );
      }
      this.waiting.set(id, entry);
      this.post({ ...message, id }, (message as { kind?: string }).kind ?? 'onMessage', transfer);
    });
  }

  private receive(message: FromWorker): void {
    this.lastHeard = Date.now();
    if (message.type === 'fatal') return this.fail(hookFailure(message.error));
    if (message.type !== 'outbox') return;
    this.unhandled.shift();
    const { outbox } = message;
    this.onOutbox(outbox);
    for (const done of outbox.done) {
      const entry = this.waiting.get(done.id);
      if (!entry) continue;
      this.waiting.delete(done.id);
      clearTimeout(entry.timer);
      if (done.error) entry.reject(hookFailure(done.error));
      else entry.resolve(done.result === undefined ? undefined : JSON.parse(done.result));
    }
  }

  private fail(error: AppError): void {
    if (this.failure || this.closed) return;
    this.failure = error;
    clearInterval(this.watchdog);
    for (const w of this.waiting.values()) {
      clearTimeout(w.timer);
      w.reject(error);
    }
    this.waiting.clear();
    void this.worker.terminate();
  }
}

function loadFailure(error: HookError): AppError {
  const where = `${error.file}${error.line ? `:${error.line}` : ''}`;
  return new AppError('SCRIPT', `The script ${where} could not be loaded: ${error.message}`, {
    ...(error.file ? { locations: [{ file: error.file, ...(error.line ? { line: error.line } : {}) }] } : {}),
  });
}

function workerFailure(err: Error, limits: ScriptLimits): AppError {
  if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY')
    return new AppError(
      'SCRIPT',
      `The scripts used more than ${limits.memoryMb} MB of memory; scripts stopped for this call`,
    );
  return new AppError('SCRIPT', `The script worker failed: ${err.message}`);
}

function withTimeout<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(error()), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
