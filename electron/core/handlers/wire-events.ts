import type { CallEvent, EngineCallEvent } from '../../../shared/model/call';

/**
 * The first messages of every call carry their JSON, so their timeline rows show a preview without
 * asking the engine. The response view and the selected message are read from the engine either
 * way (`call.messages`, indented there), so a unary response costs that one request.
 */
const INLINE_FIRST = 20;
/** Messages larger than this never carry their JSON: the UI asks for it (indented) when shown. */
const INLINE_MAX_BYTES = 256 * 1024;
/** A message arriving this long after the last one that carried JSON carries its own (slow streams). */
const SLOW_STREAM_GAP_MS = 50;
/** Messages per packed run: bounds what one queued event holds. */
const RUN_MAX = 256;

/**
 * Turns one call's engine events into what crosses the contract. Producing JSON for every
 * message of a fast stream would halve its rate (ARCHITECTURE.md, "Streams"), so past the first
 * few only messages of slow streams carry it; the others become runs (see ReceivedRun), which
 * `mergeRuns` packs while they wait in the outbound queue. Events become plain objects, so a
 * queued event holds neither the lazy JSON getter nor the decoded message behind it.
 */
export function wireEvents(): (event: EngineCallEvent) => CallEvent {
  let lastInlineT = Number.NEGATIVE_INFINITY;
  return (event) => {
    if (event.type === 'sent')
      return { type: 'sent', t: event.t, index: event.index, size: event.size, json: event.json };
    if (event.type !== 'received') return event;
    const { t, index, size } = event;
    if (size <= INLINE_MAX_BYTES && (index < INLINE_FIRST || t - lastInlineT >= SLOW_STREAM_GAP_MS)) {
      lastInlineT = t;
      return { type: 'received', t, index, size, json: event.json };
    }
    return { type: 'received-run', t, index, times: [t], sizes: [size] };
  };
}

/** Appends `next` to `last` when both are runs and `next` continues `last`; see StreamSink.coalesce. */
export function mergeRuns(last: CallEvent, next: CallEvent): boolean {
  if (last.type !== 'received-run' || next.type !== 'received-run') return false;
  if (last.index + last.times.length !== next.index || last.times.length + next.times.length > RUN_MAX) return false;
  last.times.push(...next.times);
  last.sizes.push(...next.sizes);
  return true;
}
