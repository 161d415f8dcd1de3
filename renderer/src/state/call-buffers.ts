import type { CallEvent } from '../../../shared/model/call';

/**
 * A call's events live here, outside React state: a stream can bring thousands of events a
 * second and copying an array per event would freeze the window. The store only holds a
 * version counter and counts; views read the buffer when the version changes.
 */
const buffers = new Map<string, CallEvent[]>();

export function createCallBuffer(callId: string): void {
  buffers.set(callId, []);
}

export function appendCallEvents(callId: string, events: CallEvent[]): void {
  const buffer = buffers.get(callId);
  if (buffer) for (const event of events) buffer.push(event);
}

export function callEvents(callId: string): readonly CallEvent[] {
  return buffers.get(callId) ?? [];
}

export function dropCallBuffer(callId: string): void {
  buffers.delete(callId);
}
