import type { MockCallEntry, MockLogEvent } from '../../../shared/model/mock';
import type { StreamSink } from '../../../shared/protocol/define';
import { statusName } from '../calls/status';

/**
 * Requests and answer of one log entry, as JSON text, beyond which the window gets a note instead:
 * the log is a summary, and one huge message must not cross for every call.
 */
export const MAX_ENTRY_JSON = 64 * 1024;

/** Calls a reader could not take while its queue was full, per reader: told once it drains. */
const missed = new WeakMap<StreamSink<MockLogEvent>, number>();

/** Bounded per reader: above the stream's high-water mark calls are counted, not queued. */
export function deliver(sink: StreamSink<MockLogEvent>, entry: MockCallEntry): void {
  const skipped = missed.get(sink);
  if (skipped !== undefined) {
    missed.set(sink, skipped + 1);
    return;
  }
  if (sink.push({ entry, status: statusName(entry.code) })) return;
  missed.set(sink, 0);
  const off = sink.onDrain(() => {
    off();
    const count = missed.get(sink) ?? 0;
    missed.delete(sink);
    if (count > 0) sink.push({ skipped: count });
  });
}

/** The entry, or a copy whose requests and answer are a note when they are too large to log. */
export function boundedEntry(entry: MockCallEntry): MockCallEntry {
  const size = JSON.stringify(entry.requests).length + (JSON.stringify(entry.answer)?.length ?? 0);
  if (size <= MAX_ENTRY_JSON) return entry;
  const note = `(${size} characters of JSON: too large for the log)`;
  return { ...entry, requests: [note], ...(entry.answer === undefined ? {} : { answer: note }) };
}
