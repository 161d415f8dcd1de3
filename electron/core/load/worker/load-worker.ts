import { parentPort, workerData } from 'node:worker_threads';
import * as grpc from '@grpc/grpc-js';
import { channelOptions, createCredentials } from '../../calls/channel-pool';
import { statusName } from '../../calls/status';
import { answerIPv4WithoutTheIPv6Pattern } from '../../net/ipv6-check';
import { encodeHistogram, newHistogram, recordMs } from '../latency';
import { nextSendTime } from '../schedule';
import type { FromWorker, ToWorker, WorkerInit, WorkerTick } from '../worker-protocol';
import { callInputs } from './call-inputs';
import { sendCall, type CallOutcome } from './send-call';

/**
 * One load generator thread: its own grpc-js channels (not the engine's pool), its share of the
 * concurrency, calls and rate. It reports what it measured every tick and stops when its share
 * is done, the duration is over, or the engine says stop (calls in flight are then cancelled
 * and counted as abandoned, not measured).
 */
const ERROR_KINDS = 50;

const init = workerData as WorkerInit;
const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

try {
  run();
} catch (err) {
  post({ type: 'fatal', index: init.index, message: (err as Error).message });
}

function run(): void {
  const inputs = callInputs(init);
  // Buffers arrive as plain Uint8Arrays (structured clone); grpc-js wants Buffers.
  const tlsFiles = Object.fromEntries(
    Object.entries(init.tlsFiles).map(([name, bytes]: [string, Uint8Array | undefined]) => [
      name,
      bytes && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    ]),
  );
  const credentials = createCredentials(init.target, tlsFiles);
  answerIPv4WithoutTheIPv6Pattern();
  const clients = Array.from(
    { length: init.connections },
    () => new grpc.Client(init.dialAddress, credentials, channelOptions(init.target, init.viaProxy)),
  );
  const now = () => performance.now();
  /** This thread's clock at the start the engine gives every worker (an epoch instant), once all are ready. */
  let t0 = 0;
  let warmupEnd = 0;
  const toEpoch = (t: number) => t + performance.timeOrigin;
  /** Starts sending (set by the pacing in use). */
  let begin = () => {};

  let warmupLeft = init.warmupCalls;
  let measuredLeft = init.calls ?? Infinity;
  let measureStart: number | undefined;
  let stopping = false;
  let exhausted = false;
  let issued = 0;
  let inFlight = 0;
  const cancels = new Set<() => void>();

  const histogram = newHistogram();
  let tick = emptyTick();
  let abandoned = 0;
  let firstStart: number | undefined;
  let lastEnd: number | undefined;

  function emptyTick() {
    return {
      ended: 0,
      warmupEnded: 0,
      sent: 0,
      received: 0,
      statusCodes: {} as Record<string, number>,
      errors: {} as Record<string, number>,
    };
  }
  const errorKinds = new Set<string>();

  function claim(at: number): 'warmup' | 'measure' | undefined {
    if (stopping || exhausted) return undefined;
    if (warmupLeft > 0) {
      warmupLeft--;
      return 'warmup';
    }
    // Only a timed warm-up that was asked for: a timer may fire a little before t0, and a call
    // then must not become an unasked, unmeasured warm-up call the server still receives.
    if (init.warmupMs > 0 && at < warmupEnd) return 'warmup';
    measureStart ??= at;
    if ((init.durationMs !== undefined && at >= measureStart + init.durationMs) || measuredLeft <= 0) {
      exhausted = true;
      return undefined;
    }
    measuredLeft--;
    return 'measure';
  }

  function record(outcome: CallOutcome, origin: number, end: number, phase: 'warmup' | 'measure'): void {
    if (stopping) {
      abandoned++;
      return;
    }
    if (phase === 'warmup') {
      tick.warmupEnded++;
      return;
    }
    recordMs(histogram, end - origin);
    const name = outcome.code < 0 ? 'CLIENT_ERROR' : statusName(outcome.code);
    tick.ended++;
    tick.sent += outcome.sent;
    tick.received += outcome.received;
    tick.statusCodes[name] = (tick.statusCodes[name] ?? 0) + 1;
    if (outcome.code !== 0) {
      let key = `${name}: ${outcome.details}`;
      // A server that puts a request id in each message must not grow this without end.
      if (!errorKinds.has(key))
        key = errorKinds.size < ERROR_KINDS ? (errorKinds.add(key), key) : `${name}: (other messages)`;
      tick.errors[key] = (tick.errors[key] ?? 0) + 1;
    }
    firstStart = Math.min(firstStart ?? Infinity, toEpoch(origin));
    lastEnd = Math.max(lastEnd ?? 0, toEpoch(end));
  }

  /** One call; `origin` is where its latency counts from (the scheduled time when a rate is set). */
  async function launch(origin: number, phase: 'warmup' | 'measure', connection: number): Promise<void> {
    const seq = init.index + issued++ * init.workers;
    inFlight++;
    let outcome: CallOutcome;
    try {
      const data = { seq, row: inputs.row(seq) };
      outcome = await sendCall({
        client: clients[connection % clients.length]!,
        path: init.path,
        kind: init.callKind,
        messages: inputs.messages(data),
        metadata: inputs.metadata(data),
        deadlineMs: init.deadlineMs,
        intervalMs: init.streamIntervalMs,
        onCancel: (cancel) => (cancels.add(cancel), () => cancels.delete(cancel)),
      });
    } catch (err) {
      // A body a data row makes invalid: the call was never sent.
      outcome = { code: -1, details: (err as Error).message, sent: 0, received: 0 };
    }
    inFlight--;
    record(outcome, origin, now(), phase);
  }

  function stop(): void {
    if (stopping) return;
    stopping = true;
    for (const cancel of [...cancels]) cancel();
    waitForStop();
  }

  function overwhelmed(): void {
    post({
      type: 'fatal',
      index: init.index,
      message: `${init.maxBacklog} calls were due and waiting for one of the ${init.concurrency} calls in flight to end: the server is not keeping up with the rate (lower the rate, or allow more concurrency)`,
    });
    stop();
  }

  /** What a stop does besides cancelling the calls in flight (set by the pacing in use). */
  let waitForStop = () => {};
  const finished = new Promise<void>((resolve) => {
    const check = () => {
      if ((stopping || exhausted) && inFlight === 0) resolve();
    };
    if (init.schedule) paced(check);
    else unpaced(check);
  });

  function unpaced(check: () => void): void {
    const slot = async (j: number) => {
      for (let phase = claim(now()); phase; phase = claim(now())) await launch(now(), phase, j);
      check();
    };
    const start = () => {
      for (let j = 0; j < init.concurrency; j++) void slot(j);
    };
    begin = () => setTimeout(start, Math.max(0, t0 - now()));
    waitForStop = check;
  }

  function paced(done: () => void): void {
    const schedule = init.schedule!;
    /** Calls due whose turn has not come: all slots busy. Their latency counts from when they were due. */
    const backlog: Array<{ at: number; phase: 'warmup' | 'measure' }> = [];
    const check = () => {
      if (!backlog.length) done();
    };
    let next = 0;
    let round = 0;
    const drain = () => {
      while (inFlight < init.concurrency && backlog.length) {
        const { at, phase } = backlog.shift()!;
        void launch(at, phase, round++).then(() => {
          drain();
          check();
        });
      }
    };
    const pump = () => {
      for (let t = now(); next <= t;) {
        const phase = claim(next);
        if (!phase) {
          drain();
          return check();
        }
        if (backlog.length >= init.maxBacklog) return overwhelmed();
        backlog.push({ at: next, phase });
        const rel = measureStart === undefined ? 0 : next - measureStart;
        next += nextSendTime(schedule, rel, init.share) - rel;
      }
      drain();
      setTimeout(pump, Math.max(0, next - now()));
    };
    begin = () => {
      next = t0;
      setTimeout(pump, Math.max(0, t0 - now()));
    };
    waitForStop = () => {
      backlog.length = 0;
      done();
    };
  }

  port.on('message', (message: ToWorker) => {
    if (message.type === 'metadata') inputs.replaceMetadata(message.entries);
    if (message.type === 'start') {
      t0 = message.at - performance.timeOrigin;
      warmupEnd = t0 + init.warmupMs;
      begin();
    }
    if (message.type === 'stop') stop();
  });

  const report = (type: WorkerTick['type']) => {
    post({
      type,
      index: init.index,
      phase: measureStart === undefined ? 'warmup' : 'measuring',
      histogram: encodeHistogram(histogram),
      ...tick,
      ...(firstStart !== undefined ? { firstStart } : {}),
      ...(lastEnd !== undefined ? { lastEnd } : {}),
      abandoned: type === 'done' ? abandoned : 0,
    });
    histogram.reset();
    tick = emptyTick();
  };
  const ticker = setInterval(() => report('tick'), init.tickMs);
  post({ type: 'ready', index: init.index });
  void finished.then(() => {
    clearInterval(ticker);
    report('done');
    for (const client of clients) client.close();
    port.close();
  });
}
