import { Worker, type ResourceLimits } from 'node:worker_threads';
import { scriptWorkerFile } from './worker-file';

/*
 * Each scripted call runs its scripts in a worker of its own, so no script's state outlives its
 * call. Starting one (a thread, Node's bootstrap in it, evaluating the worker's bundle, building
 * its sandbox) took ~75 ms, which every scripted call paid before its first hook. Once a call's
 * scripts have loaded, the next call's worker is started while that call runs, off any call's
 * path, and waits (at most one, not keeping the process alive) until a call takes it or
 * SPARE_IDLE_MS passes. It has received nothing: the call that takes it sends its scripts.
 */

/** How long a worker started ahead waits for a call before it ends. */
export const SPARE_IDLE_MS = 30_000;

interface Spare {
  worker: Worker;
  /** The resource limits it was started under; a call with others starts its own. */
  limits: string;
  timer: NodeJS.Timeout;
}

let spare: Spare | undefined;

function startWorker(file: string, resourceLimits: ResourceLimits): Worker {
  const worker = new Worker(file, {
    resourceLimits,
    // Nothing of the engine's environment (tokens in process variables) is the scripts' business.
    env: {},
    stdout: true,
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  return worker;
}

/** A worker for a call's scripts: the one started ahead when its limits match, else a new one. */
export async function scriptWorker(resourceLimits: ResourceLimits): Promise<Worker> {
  const ready = takeSpare();
  if (ready?.limits === JSON.stringify(resourceLimits)) {
    ready.worker.ref();
    return ready.worker;
  }
  if (ready) void ready.worker.terminate();
  return startWorker(await scriptWorkerFile(), resourceLimits);
}

/** Starts the next call's worker now, unless one is already waiting. */
export function startSpareScriptWorker(resourceLimits: ResourceLimits): void {
  if (spare) return;
  scriptWorkerFile().then(
    (file) => {
      if (spare) return;
      const worker = startWorker(file, resourceLimits);
      worker.unref();
      const entry: Spare = {
        worker,
        limits: JSON.stringify(resourceLimits),
        timer: setTimeout(() => endSpareScriptWorker(), SPARE_IDLE_MS).unref(),
      };
      // One that fails or stops while waiting is simply not there for the next call.
      const gone = () => {
        if (spare !== entry) return;
        clearTimeout(entry.timer);
        spare = undefined;
      };
      worker.on('error', gone);
      worker.once('exit', gone);
      spare = entry;
    },
    () => undefined,
  );
}

/** Ends the worker waiting for a call, if one is (the engine's close). */
export function endSpareScriptWorker(): void {
  const ready = takeSpare();
  if (ready) void ready.worker.terminate();
}

/** The thread id of the worker waiting for a call, if one is (tests). */
export function spareScriptWorkerId(): number | undefined {
  return spare?.worker.threadId;
}

function takeSpare(): Spare | undefined {
  const ready = spare;
  spare = undefined;
  if (ready) clearTimeout(ready.timer);
  return ready;
}
