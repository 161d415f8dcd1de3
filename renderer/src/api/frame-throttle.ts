export interface FrameThrottleOptions {
  /** The shortest spacing between two runs' starts. */
  minIntervalMs: number;
  /** The longest spacing, however costly the last run was (the default: `minIntervalMs`). */
  maxIntervalMs?: number;
  /**
   * The spacing as a multiple of the last run's cost: the callback, the render it caused and the
   * paint that followed. With 4, redraws take at most about a fifth of the window's time, on a
   * slow or busy machine as on a fast one. 0 (the default) keeps the spacing at `minIntervalMs`.
   */
  costFactor?: number;
  /** Runs without a frame after this much more (a hidden window paints nothing). */
  fallbackMs?: number;
}

/** Runs `callback` in the task after the current one: after the frame, when called from one. */
export function afterThisTask(callback: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    callback();
  };
  channel.port2.postMessage(undefined);
}

/**
 * Reports what the coming frame costs: from its animation frame to the task after it (the style,
 * layout and paint of what changed), with the frame's time, which every animation frame callback
 * of that frame is given.
 */
export function measureNextFrame(report: (ms: number, frameTime: number) => void): void {
  requestAnimationFrame((frameTime) => {
    const started = performance.now();
    afterThisTask(() => report(performance.now() - started, frameTime));
  });
}

/**
 * Runs `callback` once before a coming paint, no sooner than the spacing after the previous run
 * of the same throttle, or after a fallback delay when no frame comes (a hidden window paints
 * nothing, but its counters must still move).
 *
 * The spacing adapts to what a run costs: a run is timed from its start to the task after it,
 * which, for a run in an animation frame, comes after the frame's style, layout and paint. A
 * redraw that took 40 ms on a busy machine is followed by 160 ms without one, so the window keeps
 * most of its time for the messages and the user instead of redrawing at a fixed rate it cannot
 * afford.
 */
export function frameThrottle(
  callback: () => void,
  { minIntervalMs, maxIntervalMs = minIntervalMs, costFactor = 0, fallbackMs = 250 }: FrameThrottleOptions,
): { request(): void; flush(): void; addCost(ms: number, frameTime?: number): void; readonly intervalMs: number } {
  let queued = false;
  let last = -Infinity;
  let interval = minIntervalMs;
  /** The last run's own cost, and what it caused afterwards (see addCost). */
  let cost = 0;
  let followUp = 0;
  /** The animation frame time of the last run, when it ran in one. */
  let runFrame: number | undefined;
  const space = (): void => {
    interval = Math.min(maxIntervalMs, Math.max(minIntervalMs, costFactor * (cost + followUp)));
  };
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay: ReturnType<typeof setTimeout> | undefined;
  const run = (frameTime?: number): void => {
    if (!queued) return;
    queued = false;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    clearTimeout(delay);
    const started = performance.now();
    last = started;
    followUp = 0;
    runFrame = frameTime;
    callback();
    if (costFactor > 0) {
      afterThisTask(() => {
        cost = performance.now() - started;
        space();
      });
    }
  };
  // The spacing is read again when the wait ends: what the last run caused may have lengthened it
  // meanwhile (addCost).
  const schedule = (): void => {
    const wait = last + interval - performance.now();
    if (wait > 0) {
      delay = setTimeout(schedule, wait);
      return;
    }
    frame = requestAnimationFrame(run);
    timer = setTimeout(run, fallbackMs);
  };
  return {
    request() {
      if (queued) return;
      queued = true;
      schedule();
    },
    /**
     * Work the last run caused later, counted as part of its cost: a view that draws again when
     * what the run showed arrives (a timeline row's preview) makes the run cost that much more.
     * A frame the run itself drew in (`frameTime`, see measureNextFrame) is already counted.
     */
    addCost(ms: number, frameTime?: number) {
      if (costFactor <= 0 || (frameTime !== undefined && frameTime === runFrame)) return;
      followUp += ms;
      space();
    },
    /** Runs now if a run is pending (e.g. when the call ends). */
    flush() {
      if (queued) run();
    },
    /** The spacing the next run keeps from the last one's start. */
    get intervalMs() {
      return interval;
    },
  };
}
