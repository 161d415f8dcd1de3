import type { MessagePage } from '../../../shared/contract';
import type { CallEvent } from '../../../shared/model/call';
import { AppError } from '../../../shared/model/errors';
import { rendererOf, type RenderJson } from '../calls';

export interface StoredMessage {
  index: number;
  direction: 'sent' | 'received';
  render: RenderJson;
}


/**
 * The messages of a connection's calls, kept in the engine so the UI can read them again (with
 * default values, later as timeline rows) without keeping them all itself or asking the server
 * twice. Bounded per call: the oldest are let go, and `first` says how many.
 */
export class MessageStore {
  private readonly calls = new Map<string, { messages: StoredMessage[]; dropped: number }>();

  constructor(private readonly perCallLimit = 10_000) {}

  open(callId: string): void {
    this.calls.set(callId, { messages: [], dropped: 0 });
  }

  record(callId: string, event: CallEvent): void {
    if (event.type !== 'sent' && event.type !== 'received') return;
    const call = this.calls.get(callId);
    const render = rendererOf(event);
    if (!call || !render) return;
    call.messages.push({ index: event.index, direction: event.type, render });
    if (call.messages.length > this.perCallLimit) {
      // Dropping in chunks keeps this O(1) amortised on long streams.
      const excess = Math.max(call.messages.length - this.perCallLimit, Math.floor(this.perCallLimit / 10));
      call.messages.splice(0, excess);
      call.dropped += excess;
    }
  }

  /** Up to `count` messages from position `from` (default: the last `count`). */
  read(callId: string, options: { from?: number; count: number; emitDefaults: boolean }): MessagePage {
    const call = this.calls.get(callId);
    if (!call) throw new AppError('NOT_FOUND', `No messages are kept for call '${callId}' (it was released)`);
    const total = call.dropped + call.messages.length;
    const start = Math.max(call.dropped, options.from ?? total - options.count);
    const slice = call.messages.slice(start - call.dropped, start - call.dropped + options.count);
    return {
      total,
      first: call.dropped,
      messages: slice.map((m, i) => ({
        position: start + i,
        index: m.index,
        direction: m.direction,
        json: m.render({ emitDefaults: options.emitDefaults }),
      })),
    };
  }

  release(callId: string): void {
    this.calls.delete(callId);
  }

  releaseAll(): void {
    this.calls.clear();
  }
}
