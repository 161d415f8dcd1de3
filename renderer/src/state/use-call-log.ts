import { useSyncExternalStore } from 'react';
import type { TimelineLog } from './timeline-log';

const noWatch = (): (() => void) => () => undefined;

/**
 * Re-renders the caller only when `read` of the log gives another value, however often the log is
 * published: a part that shows a count re-renders with the count, one that shows a call's headers
 * only when they come. `read` must give the same value (Object.is) while nothing changed.
 */
export function useLogValue<T>(log: TimelineLog | undefined, read: (log: TimelineLog) => T): T | undefined {
  return useSyncExternalStore(log ? log.subscribe : noWatch, () => (log ? read(log) : undefined));
}

/** Re-renders the caller each time the log is published (rows and counters); returns its version. */
export function useLogVersion(log: TimelineLog | undefined): number {
  return useLogValue(log, (l) => l.version) ?? 0;
}
