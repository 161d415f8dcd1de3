import { AppError } from '../../../shared/model/errors';
import type { CallKind } from '../../../shared/model/schema';
import type { CallStatus, EngineCallEvent, MetadataEntry } from '../../../shared/model/call';
import { emptySummary, type TestResult, type TestSummary } from '../../../shared/model/scripts';
import { wireBytesOf, type CallHandle } from '../calls';
import type { HelperCallRequest, Outbox } from './protocol';
import type { ScriptSession } from './script-session';

/** The request before its variables are resolved: what beforeCall hooks edit. */
export interface RequestTemplate {
  metadata: MetadataEntry[];
  messages: string[];
  deadlineMs?: number;
}

/** What a helper call (`call(...)` in a script) answers. */
export type HelperAnswer = { result: unknown } | { error: string };

export interface ScriptedCallOptions {
  session: ScriptSession;
  files: string[];
  method: string;
  kind: CallKind;
  target: { address: string; protocol: string };
  template: RequestTemplate;
  /** Applies the environment to the template once beforeCall hooks ran (their env.set included). */
  resolve(template: RequestTemplate): Promise<{ metadata: MetadataEntry[]; messages: string[] }>;
  /** Starts the call itself. */
  start(
    request: { metadata: MetadataEntry[]; messages: string[]; deadlineMs?: number },
    onEvent: (e: EngineCallEvent) => void,
  ): CallHandle;
  onEvent(event: EngineCallEvent): void;
  helperCall(request: HelperCallRequest): Promise<HelperAnswer>;
  /** Persists a value a script set (env.set); the next resolve must see it. */
  setVariable(name: string, value: string, secret: boolean): Promise<void>;
}

export interface ScriptedCall {
  handle: CallHandle & { send(json: string): Promise<void> };
  /** Resolves once the call and its afterCall hooks are done, with everything the tests said. */
  readonly finished: Promise<{ status: CallStatus; summary: TestSummary; results: TestResult[]; scriptError?: string }>;
}

/**
 * Received messages go to the scripts in batches that grow while the scripts are behind: a batch
 * leaves at once while fewer than PIPELINE are in the worker's hands, and otherwise waits for one
 * to come back (or to reach its bounds), so a busy worker gets fewer, larger batches (each costs a
 * round trip and an outbox) and an idle one gets each message without delay. The call stops
 * reading when MAX_IN_FLIGHT full batches are in flight.
 */
const PIPELINE = 2;
const MAX_BATCH = 4096;
const MAX_BATCH_BYTES = 1024 * 1024;
const MAX_IN_FLIGHT = 4;
/** A batch is kept to this share of the step's CPU bound, by the time batches took so far. */
const STEP_SHARE = 1 / 10;
/** How often a long stream's running test count is sent. */
const SUMMARY_EVERY_MS = 250;

/**
 * A call with its scripts around it: beforeCall edits the request before its variables are
 * resolved, beforeSend sees every message sent, onMessage every message received (in batches,
 * in the script worker, with the call paused while the scripts are behind), and afterCall the
 * outcome, before the status event ends the call's log.
 */
export async function startScriptedCall(options: ScriptedCallOptions): Promise<ScriptedCall> {
  try {
    return await start(options);
  } catch (err) {
    // A hook that failed before the call started (or a variable it left unset) ends its worker too.
    options.session.close();
    throw err;
  }
}

async function start(options: ScriptedCallOptions): Promise<ScriptedCall> {
  const { session } = options;
  const results: TestResult[] = [];
  let summary = emptySummary();
  let startedAt: number | undefined;
  let lastSummaryAt = 0;
  const early: EngineCallEvent[] = [];
  let variableWrites: Promise<unknown> = Promise.resolve();
  let scriptError: AppError | undefined;
  // Set once the call started; hooks and flow control may act before that.
  const started: { handle?: CallHandle } = {};

  const now = () => (startedAt === undefined ? 0 : Math.max(0, performance.now() - startedAt));
  const emit = (event: EngineCallEvent) => {
    if (startedAt === undefined) early.push(event);
    else options.onEvent(event);
  };

  session.onOutbox = (outbox: Outbox) => {
    for (const l of outbox.logs) emit({ type: 'log', t: now(), ...l });
    for (const r of outbox.results) {
      results.push(r);
      emit({ type: 'test', t: now(), result: r });
    }
    if (outbox.droppedLogs)
      emit({
        type: 'log',
        t: now(),
        text: `(${outbox.droppedLogs} more log lines not shown)`,
        file: '',
        hook: 'onMessage',
      });
    if (outbox.summary) {
      summary = outbox.summary;
      if (now() - lastSummaryAt >= SUMMARY_EVERY_MS) {
        lastSummaryAt = now();
        emit({ type: 'tests', t: now(), summary });
      }
    }
    for (const set of outbox.envSets) {
      variableWrites = variableWrites
        .then(() => options.setVariable(set.name, set.value, set.secret))
        .catch(() => undefined);
    }
    for (const call of outbox.calls) {
      const began = performance.now();
      void options
        .helperCall(call)
        .catch((err: unknown): HelperAnswer => ({ error: (err as Error).message }))
        .then((answer) => {
          const outcome =
            'error' in answer ? `failed: ${answer.error}` : (answer.result as { status: CallStatus }).status.name;
          const ms = Math.round(performance.now() - began);
          emit({
            type: 'log',
            t: now(),
            text: `call ${call.method}: ${outcome} (${ms} ms)`,
            file: call.file,
            hook: call.hook,
          });
          session.settleCall(call.id, answer);
        });
    }
  };

  // beforeCall: the template as written; then variables, with what the hooks set.
  let template = options.template;
  if (session.hooks.beforeCall) {
    const edited = (await session.invoke('beforeCall', {
      method: options.method,
      target: options.target,
      metadata: template.metadata,
      messages: template.messages,
      ...(template.deadlineMs !== undefined ? { deadlineMs: template.deadlineMs } : {}),
      single: options.kind === 'unary' || options.kind === 'server_streaming',
    })) as RequestTemplate;
    template = { ...template, ...edited };
  }
  await variableWrites;
  const resolved = await options.resolve(template);

  let sentIndex = 0;
  const throughBeforeSend = async (text: string): Promise<string | undefined> => {
    const index = sentIndex++;
    if (!session.hooks.beforeSend) return text;
    const out = (await session.invoke('beforeSend', { index, text })) as { drop?: true; text?: string };
    return out.drop ? undefined : out.text;
  };
  const messages: string[] = [];
  for (const text of resolved.messages) {
    const out = await throughBeforeSend(text);
    if (out !== undefined) messages.push(out);
    else if (options.kind === 'unary' || options.kind === 'server_streaming')
      throw new AppError('SCRIPT', 'A beforeSend hook dropped the request, and this call cannot go without one');
  }

  // Flow control: the call stops reading while the consumer or the scripts are behind.
  let consumerPaused = false;
  let scriptsBehind = false;
  const applyFlow = () => (consumerPaused || scriptsBehind ? started.handle?.pause() : started.handle?.resume());

  let batch: Uint8Array[] = [];
  let batchBytes = 0;
  let batchFirst = 0;
  let flushQueued = false;
  let messagesDone: Promise<unknown> = Promise.resolve();
  // How long a message takes in the worker (its hooks included), from the batches so far.
  let msPerMessage = 0;
  let lastBack = 0;
  let batchLimit = 256;
  const flush = () => {
    flushQueued = false;
    if (!batch.length || session.failed) return void (batch = []);
    const count = batch.length;
    const sentAt = performance.now();
    const done = session.messages(batchFirst, batch);
    void done.then(
      () => {
        // Its own time in the worker: from when it was sent or the one before it came back.
        const back = performance.now();
        const took = (back - Math.max(sentAt, lastBack)) / count;
        lastBack = back;
        msPerMessage = msPerMessage ? 0.7 * msPerMessage + 0.3 * took : took;
        batchLimit = Math.max(16, Math.min(MAX_BATCH, Math.floor((session.cpuMs * STEP_SHARE) / msPerMessage)));
      },
      () => undefined,
    );
    batch = [];
    batchBytes = 0;
    messagesDone = Promise.all([messagesDone, done.catch(onScriptFailure)]);
    if (session.inFlight >= MAX_IN_FLIGHT && !scriptsBehind) {
      scriptsBehind = true;
      applyFlow();
    }
    // Settled either way (a failed batch is reported through messagesDone): `finally` would hand
    // the failure on to a promise nobody handles, which ends the process.
    const afterBatch = (): void => {
      // The worker is free for more: what gathered meanwhile goes as one batch.
      if (batch.length && session.inFlight < PIPELINE) flush();
      if (scriptsBehind && session.inFlight < MAX_IN_FLIGHT / 2) {
        scriptsBehind = false;
        applyFlow();
      }
    };
    void done.then(afterBatch, afterBatch);
  };
  /** After the current I/O: sends what gathered unless the worker has its hands full. */
  const flushSoon = () => {
    flushQueued = false;
    if (session.inFlight < PIPELINE) flush();
  };

  const onScriptFailure = (err: unknown) => {
    if (scriptError) return;
    scriptError = err instanceof AppError ? err : new AppError('SCRIPT', (err as Error).message);
    emit({ type: 'error', t: now(), message: scriptError.message });
    started.handle?.cancel();
  };

  let headers: MetadataEntry[] = [];
  let trailers: MetadataEntry[] = [];
  let settle!: (value: Awaited<ScriptedCall['finished']>) => void;
  const finished = new Promise<Awaited<ScriptedCall['finished']>>((resolve) => (settle = resolve));

  const finish = async (statusEvent: Extract<EngineCallEvent, { type: 'status' }>) => {
    flush();
    await messagesDone;
    if (!scriptError && session.hooks.afterCall) {
      await session
        .invoke('afterCall', {
          status: statusEvent.status,
          headers,
          trailers,
          timings: { durationMs: Math.round(statusEvent.t) },
        })
        .catch(onScriptFailure);
    }
    await variableWrites;
    options.onEvent({ type: 'tests', t: now(), summary });
    options.onEvent(statusEvent);
    session.close();
    settle({
      status: statusEvent.status,
      summary,
      results,
      ...(scriptError ? { scriptError: scriptError.message } : {}),
    });
  };

  const onEvent = (event: EngineCallEvent) => {
    switch (event.type) {
      case 'started':
        startedAt = performance.now() - event.t;
        options.onEvent(event);
        options.onEvent({ type: 'scripts', t: event.t, files: options.files, trusted: true });
        for (const e of early.splice(0)) options.onEvent({ ...e, t: event.t });
        return;
      case 'received': {
        const bytes = wireBytesOf(event);
        if (bytes && session.hooks.onMessage + session.hooks.afterCall > 0 && !scriptError) {
          if (!batch.length) batchFirst = event.index;
          batch.push(bytes);
          batchBytes += bytes.length;
          if (batch.length >= batchLimit || batchBytes >= MAX_BATCH_BYTES) flush();
          else if (!flushQueued) {
            flushQueued = true;
            setImmediate(flushSoon);
          }
        }
        break;
      }
      case 'headers':
        headers = event.metadata;
        break;
      case 'trailers':
        trailers = event.metadata;
        break;
      case 'status':
        void finish(event);
        return;
    }
    options.onEvent(event);
  };

  const inner = options.start(
    { ...resolved, messages, ...(template.deadlineMs !== undefined ? { deadlineMs: template.deadlineMs } : {}) },
    onEvent,
  );
  started.handle = inner;
  let sends: Promise<void> = Promise.resolve();
  return {
    handle: {
      id: inner.id,
      // In order, each through beforeSend; a refused message rejects its own send only.
      send: (json) => {
        const next = sends.then(async () => {
          const out = await throughBeforeSend(json);
          if (out !== undefined) await inner.send(out);
        });
        sends = next.catch(() => undefined);
        return next;
      },
      halfClose: () => void sends.then(() => inner.halfClose()),
      cancel: () => inner.cancel(),
      pause: () => {
        consumerPaused = true;
        applyFlow();
      },
      resume: () => {
        consumerPaused = false;
        applyFlow();
      },
      done: finished.then((f) => f.status),
    },
    finished,
  };
}
