import type { CallEvent } from '../../../../shared/model/call';
import { api } from '../../api';
import type { TimelineLog } from '../../state';

const PAGE = 1000;

/**
 * A call's timeline as NDJSON, one event per line in the order they happened: messages as
 * {"type":"sent"|"received","index","t","time","size","message"}, other events with their data.
 * Message JSON is read from the engine page by page; messages it let go are counted in a
 * {"type":"let-go"} line instead.
 */
export async function exportNdjson(callId: string, log: TimelineLog): Promise<string[]> {
  const startedAt = log.startedAt ?? Date.now();
  const time = (t: number) => new Date(startedAt + t).toISOString();
  const eventLine = ({ type, t, ...data }: CallEvent) => `${JSON.stringify({ type, t, time: time(t), ...data })}\n`;
  const events = log.keptEvents().map(({ row, event }) => ({ event, position: log.row(row)?.position ?? 0 }));
  const lines: string[] = [];
  let nextEvent = 0;
  const eventsUpTo = (position: number): void => {
    while (nextEvent < events.length && events[nextEvent]!.position <= position)
      lines.push(eventLine(events[nextEvent++]!.event));
  };

  let from = 0;
  for (;;) {
    const page = await api().request('call.messages', { callId, from, count: PAGE });
    if (from === 0 && page.first > 0) lines.push(`${JSON.stringify({ type: 'let-go', messages: page.first })}\n`);
    for (const m of page.messages) {
      eventsUpTo(m.position);
      const head = JSON.stringify({ type: m.direction, index: m.index, t: m.t, time: time(m.t), size: m.size });
      lines.push(`${head.slice(0, -1)},"message":${m.json}}\n`);
    }
    const last = page.messages.at(-1);
    if (!last || last.position + 1 >= page.total) break;
    from = last.position + 1;
  }
  eventsUpTo(Number.POSITIVE_INFINITY);
  return lines;
}
