import { TimelineLog } from './timeline-log';

/**
 * Calls' timelines live here, outside React state: a stream can bring tens of thousands of
 * events a second, and copying state per event would freeze the window. The store holds a
 * version counter and counts per call; views read the log when the version changes.
 */
const logs = new Map<string, TimelineLog>();

export function createCallLog(callId: string, keep: number): TimelineLog {
  const log = new TimelineLog(keep);
  logs.set(callId, log);
  return log;
}

export function callLog(callId: string | undefined): TimelineLog | undefined {
  return callId === undefined ? undefined : logs.get(callId);
}

export function dropCallLog(callId: string): void {
  logs.delete(callId);
}
