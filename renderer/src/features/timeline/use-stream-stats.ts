import { useEffect, useState } from 'react';
import type { TimelineLog } from '../../state';

const SAMPLE_MS = 500;
const SAMPLES = 60;

export interface StreamStats {
  /** Messages per second, in and out, over the last sample. */
  rateIn: number;
  rateOut: number;
  /** Bytes per second received over the last sample. */
  bytesInPerSecond: number;
  /** Received messages per second over the last half minute, oldest first. */
  history: number[];
  /** Milliseconds since the call started (to its end, once finished). */
  elapsedMs: number;
}

/**
 * Rates sampled from the log's counters twice a second, not per batch: the numbers stay
 * readable and a fast stream costs no extra renders.
 */
export function useStreamStats(
  log: TimelineLog,
  startedAt: number,
  running: boolean,
  durationMs: number | undefined,
): StreamStats {
  const [stats, setStats] = useState<StreamStats>(() => ({
    rateIn: 0,
    rateOut: 0,
    bytesInPerSecond: 0,
    history: [],
    elapsedMs: 0,
  }));

  useEffect(() => {
    let last = { at: performance.now(), received: log.received, sent: log.sent, bytes: log.bytesReceived };
    const sample = (): void => {
      const now = performance.now();
      const seconds = Math.max(0.001, (now - last.at) / 1000);
      const rateIn = (log.received - last.received) / seconds;
      const rateOut = (log.sent - last.sent) / seconds;
      const bytesInPerSecond = (log.bytesReceived - last.bytes) / seconds;
      last = { at: now, received: log.received, sent: log.sent, bytes: log.bytesReceived };
      setStats((s) => ({
        rateIn,
        rateOut,
        bytesInPerSecond,
        history: [...s.history, rateIn].slice(-SAMPLES),
        elapsedMs: Date.now() - startedAt,
      }));
    };
    if (!running) return;
    const first = setTimeout(sample, 100); // the elapsed time moves at once, not after a whole sample
    const timer = setInterval(sample, SAMPLE_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [log, startedAt, running]);

  if (!running)
    return { ...stats, rateIn: 0, rateOut: 0, bytesInPerSecond: 0, elapsedMs: durationMs ?? stats.elapsedMs };
  return stats;
}
