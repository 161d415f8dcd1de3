/**
 * Runs async work one piece at a time, in the order it was asked for. The engine's own files
 * (history, stored secrets, per-user workspace state) are read, changed and written whole; two
 * such updates running at once would each write what it read, and one would be lost. A piece
 * that fails fails for its caller only: the work queued after it still runs.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
