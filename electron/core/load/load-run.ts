import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/model/errors';
import type { LoadEndReason, LoadProgress } from '../../../shared/model/load';
import type { LoadReport } from '../../../shared/model/load-report';
import { buckets, summarize } from './latency';
import type { PreparedLoad } from './prepare';
import { buildReport } from './report';
import { RunState } from './run-state';
import { rateAt, splitEvenly } from './schedule';
import { loadWorkerFile } from './worker-file';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol';

/** How often progress is sent (and workers report). */
export const PROGRESS_MS = 250;
/** How often the auth entries are asked for again (the authenticator renews a token before it expires). */
const AUTH_RENEW_MS = 30_000;
/** Calls when the plan names neither a count nor a duration (ghz's default). */
export const DEFAULT_CALLS = 200;

export interface RunOptions {
  onProgress?: (progress: LoadProgress) => void;
  signal?: AbortSignal;
  /** At most this many worker threads (default: the machine's parallelism). */
  maxWorkers?: number;
  runId?: string;
  /** Calls per worker that may wait for a free slot when a rate is set (default MAX_BACKLOG). */
  maxBacklog?: number;
}

/** A million calls late: the server is not keeping up with the rate, and the run ends saying so. */
export const MAX_BACKLOG = 1_000_000;

/**
 * Runs a prepared load test in worker threads (load-worker.ts), each with its own channels and
 * a share of the connections, concurrency, calls and rate, and adds up what they measure. One
 * connection cannot be shared between threads, so there are at most as many workers as connections.
 */
export async function runLoad(prepared: PreparedLoad, options: RunOptions = {}): Promise<LoadReport> {
  const { plan } = prepared;
  const runId = options.runId ?? newRunId();
  const workers = Math.max(
    1,
    Math.min(plan.connections, plan.concurrency, options.maxWorkers ?? availableParallelism()),
  );
  const calls = plan.calls ?? (plan.durationMs === undefined ? DEFAULT_CALLS : undefined);
  const callShares = calls === undefined ? undefined : splitEvenly(calls, workers);
  const concurrency = splitEvenly(plan.concurrency, workers);
  const connections = splitEvenly(plan.connections, workers);
  const warmupCalls = plan.warmup && 'calls' in plan.warmup ? splitEvenly(plan.warmup.calls, workers) : undefined;
  const warmupMs = plan.warmup && 'durationMs' in plan.warmup ? plan.warmup.durationMs : 0;
  const file = await loadWorkerFile();
  /** When the workers start sending: set once all are ready (starting a thread takes a while). */
  let startAt = Date.now();
  const state = new RunState();
  let measureStartedAt: number | undefined;
  let fatal: string | undefined;

  const threads = Array.from({ length: workers }, (_, index) => {
    const init: WorkerInit = {
      index,
      workers,
      target: prepared.target,
      tlsFiles: prepared.tlsFiles,
      dialAddress: prepared.dialAddress,
      viaProxy: prepared.viaProxy,
      path: `/${prepared.method.parent.typeName}/${prepared.method.name}`,
      callKind: prepared.method.methodKind,
      connections: connections[index]!,
      concurrency: concurrency[index]!,
      ...(callShares ? { calls: callShares[index]! } : {}),
      ...(plan.durationMs !== undefined ? { durationMs: plan.durationMs } : {}),
      warmupCalls: warmupCalls?.[index] ?? 0,
      warmupMs,
      ...(plan.schedule ? { schedule: plan.schedule } : {}),
      share: 1 / workers,
      deadlineMs: plan.deadlineMs,
      bodies: prepared.bodies,
      metadata: prepared.metadata,
      streamMessages: plan.stream.messages ?? 0,
      streamIntervalMs: plan.stream.intervalMs,
      ...(prepared.data ? { rows: prepared.data.rows, columns: prepared.data.columns } : {}),
      pick: plan.data?.pick ?? 'sequence',
      tickMs: PROGRESS_MS,
      maxBacklog: options.maxBacklog ?? MAX_BACKLOG,
    };
    // Nothing of the engine's environment is the generator's business.
    return new Worker(file, { workerData: init, env: {} });
  });
  const post = (message: ToWorker) => {
    for (const thread of threads) thread.postMessage(message);
  };
  const stop = () => post({ type: 'stop' });
  options.signal?.addEventListener('abort', stop, { once: true });

  let lastProgress = startAt;
  let ready = 0;
  const onReady = () => {
    if (++ready < threads.length) return;
    startAt = lastProgress = Date.now() + 20;
    post({ type: 'start', at: startAt });
  };
  const progress = () => {
    const now = Date.now();
    if (state.measuring) measureStartedAt ??= state.firstStart ?? now;
    const t = measureStartedAt === undefined ? 0 : now - measureStartedAt;
    const target = plan.schedule && measureStartedAt !== undefined ? rateAt(plan.schedule, t) : undefined;
    const point = state.closeWindow(t, now - lastProgress, target);
    lastProgress = now;
    options.onProgress?.({
      type: 'progress',
      runId,
      phase: state.measuring ? 'measuring' : 'warmup',
      elapsedMs: Math.max(0, now - startAt),
      calls: state.ended,
      ...(calls !== undefined ? { plannedCalls: calls } : {}),
      ...(plan.durationMs !== undefined ? { plannedDurationMs: plan.durationMs } : {}),
      rps: point.rps,
      latency: summarize(state.total),
      histogram: buckets(state.total),
      statusCodes: { ...state.statusCodes },
      firstErrors: state.firstErrors.map((e) => ({ ...e })),
      point,
    });
  };
  const ticker = setInterval(progress, PROGRESS_MS);
  const renew =
    prepared.renewAuth &&
    setInterval(() => {
      void prepared.renewAuth!().then(
        (entries) => post({ type: 'metadata', entries }),
        () => undefined, // the calls then fail UNAUTHENTICATED, which the report shows
      );
    }, AUTH_RENEW_MS);

  try {
    await Promise.all(
      threads.map(
        (thread) =>
          new Promise<void>((resolve) => {
            let done = false;
            thread.on('message', (message: FromWorker) => {
              if (message.type === 'ready') return onReady();
              if (message.type === 'fatal') {
                fatal ??= message.message;
                stop();
                return;
              }
              state.add(message);
              if (message.type === 'done') done = true;
            });
            thread.once('error', (err) => {
              fatal ??= err.message;
              stop();
            });
            thread.once('exit', () => {
              if (!done) fatal ??= 'a load generator thread stopped before its work was done';
              resolve();
            });
          }),
      ),
    );
  } finally {
    clearInterval(ticker);
    if (renew) clearInterval(renew);
    options.signal?.removeEventListener('abort', stop);
    prepared.close();
  }
  progress();
  state.flush();
  if (fatal && state.ended === 0) throw new AppError('INTERNAL', `The load test could not run: ${fatal}`);
  const endReason: LoadEndReason = fatal
    ? 'error'
    : options.signal?.aborted
      ? 'cancel'
      : calls !== undefined && state.ended + state.abandoned >= calls
        ? 'normal'
        : 'timeout';
  return buildReport(prepared, state, { runId, endReason, workers, ...(fatal ? { error: fatal } : {}) });
}

/** Sortable by time, unique: 2026-12-01T02-42-36-123Z-1a2b3c. */
export function newRunId(date = new Date()): string {
  return `${date.toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 6)}`;
}
