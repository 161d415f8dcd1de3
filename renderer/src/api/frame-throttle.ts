/**
 * Runs `callback` once before a coming paint, no sooner than `minIntervalMs` after the previous
 * run of the same throttle, or after a fallback delay when no frame comes (a hidden window paints
 * nothing, but its counters must still move).
 */
export function frameThrottle(
  callback: () => void,
  minIntervalMs: number,
  fallbackMs = 250,
): { request(): void; flush(): void } {
  let queued = false;
  let last = 0;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (): void => {
    if (!queued) return;
    queued = false;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    last = performance.now();
    callback();
  };
  return {
    request() {
      if (queued) return;
      queued = true;
      const wait = Math.max(0, last + minIntervalMs - performance.now());
      const schedule = (): void => {
        frame = requestAnimationFrame(run);
      };
      timer = setTimeout(run, wait + fallbackMs);
      if (wait > 0) setTimeout(schedule, wait);
      else schedule();
    },
    /** Runs now if a run is pending (e.g. when the call ends). */
    flush() {
      if (queued) run();
    },
  };
}
