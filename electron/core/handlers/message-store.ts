import type { DescMessage, Registry } from '@bufbuild/protobuf';
import type { FindResult, MessagePage, JsonSlice } from '../../../shared/contract';
import type { EngineCallEvent } from '../../../shared/model/call';
import { DEFAULT_KEEP_MESSAGES, TIMELINE_CHUNK_ROWS } from '../../../shared/model/keep';
import type { CancelSignal } from '../../../shared/protocol/cancel';
import { AppError } from '../../../shared/model/errors';
import { wireBytesOf, type MessageRenderer, type UnknownFieldReader } from '../calls';

interface KeptMessage {
  index: number;
  direction: 'sent' | 'received';
  t: number;
  bytes: Uint8Array;
}

interface CallMessages {
  messages: KeptMessage[];
  /** How many of the oldest messages were let go; also the position of messages[0]. */
  dropped: number;
  bytes: number;
  keep: number;
  render: MessageRenderer;
  unknown?: UnknownFieldReader;
  /** The message type of each direction, for reading the bytes another way (the wire view). */
  types?: MessageTypes;
  /** The last text call.jsonSlice rendered, so its slices render the message once. */
  lastText?: { key: string; text: string };
}

export interface MessageTypes {
  sent: DescMessage;
  received: DescMessage;
  /** What names their extensions. */
  registry: Registry;
}

export interface MessageStoreLimits {
  /** Messages kept per call unless the call asks for another number. */
  defaultKeep: number;
  /** Bytes kept per call, whatever the count: a few huge messages must not fill memory. */
  maxBytesPerCall: number;
}

export const DEFAULT_MESSAGE_LIMITS: MessageStoreLimits = {
  defaultKeep: DEFAULT_KEEP_MESSAGES,
  maxBytesPerCall: 256 * 1024 * 1024,
};

/** Scanning for text renders every message; yield to other work this often (ms). */
const FIND_SLICE_MS = 8;

/**
 * The messages of a connection's calls, kept in the engine as wire bytes so the UI can read any
 * of them again (timeline rows, the selected message, default values shown, an export, a text
 * search) without holding them all itself or asking the server twice. Bounded per call: the
 * oldest are let go, and `first` says how many.
 */
export class MessageStore {
  private readonly calls = new Map<string, CallMessages>();

  constructor(private readonly limits: MessageStoreLimits = DEFAULT_MESSAGE_LIMITS) {}

  open(
    callId: string,
    render: MessageRenderer,
    keep = this.limits.defaultKeep,
    unknown?: UnknownFieldReader,
    types?: MessageTypes,
  ): void {
    this.calls.set(callId, { messages: [], dropped: 0, bytes: 0, keep, render, unknown, types });
  }

  record(callId: string, event: EngineCallEvent): void {
    if (event.type !== 'sent' && event.type !== 'received') return;
    const call = this.calls.get(callId);
    const bytes = wireBytesOf(event);
    if (!call || !bytes) return;
    call.messages.push({ index: event.index, direction: event.type, t: event.t, bytes });
    call.bytes += bytes.length;
    // The window keeps between `keep` and `keep` + one chunk of rows (it lets go of whole chunks);
    // keeping at least that many here means every row it still shows can be read. Dropping a
    // chunk at a time keeps this O(1) amortised.
    const floor = call.keep + TIMELINE_CHUNK_ROWS;
    if (call.messages.length > floor + TIMELINE_CHUNK_ROWS) this.dropOldest(call, call.messages.length - floor);
    if (call.bytes > this.limits.maxBytesPerCall) {
      let excess = 0;
      let freed = 0;
      while (excess < call.messages.length - 1 && call.bytes - freed > this.limits.maxBytesPerCall * 0.9) {
        freed += call.messages[excess]!.bytes.length;
        excess++;
      }
      this.dropOldest(call, excess);
    }
  }

  private dropOldest(call: CallMessages, count: number): void {
    const gone = call.messages.splice(0, count);
    for (const m of gone) call.bytes -= m.bytes.length;
    call.dropped += gone.length;
  }

  private get(callId: string): CallMessages {
    const call = this.calls.get(callId);
    if (!call) throw new AppError('NOT_FOUND', `No messages are kept for call '${callId}' (it was released)`);
    return call;
  }

  /**
   * Up to `count` messages from position `from` (default: the last `count`). With `preview`, each
   * JSON text is cut to that many characters (rows need a line, not the whole message). With
   * `unknownFields`, each message also lists the fields its type does not know (decoded here, on
   * request, so the stream path never pays for it).
   */
  read(
    callId: string,
    options: {
      from?: number;
      count: number;
      emitDefaults: boolean;
      preview?: number;
      pretty?: boolean;
      unknownFields?: boolean;
    },
  ): MessagePage {
    const call = this.get(callId);
    const total = call.dropped + call.messages.length;
    const start = Math.max(call.dropped, options.from ?? total - options.count);
    const slice = call.messages.slice(start - call.dropped, start - call.dropped + options.count);
    return {
      total,
      first: call.dropped,
      messages: slice.map((m, i) => {
        const json = call.render(m.direction, m.bytes, {
          emitDefaults: options.emitDefaults,
          pretty: options.pretty === true,
        });
        const cut = options.preview !== undefined && json.length > options.preview;
        const unknown = options.unknownFields && call.unknown ? call.unknown(m.direction, m.bytes) : [];
        return {
          position: start + i,
          index: m.index,
          direction: m.direction,
          t: m.t,
          size: m.bytes.length,
          json: cut ? json.slice(0, options.preview) : json,
          ...(cut ? { truncated: true } : {}),
          ...(unknown.length > 0 ? { unknown } : {}),
        };
      }),
    };
  }

  /** One kept message's wire bytes and the type they are, for reading them another way. */
  bytesAt(
    callId: string,
    position: number,
  ): { direction: 'sent' | 'received'; bytes: Uint8Array; type?: DescMessage; registry?: Registry } {
    const call = this.get(callId);
    const m = keptAt(call, callId, position);
    return { direction: m.direction, bytes: m.bytes, type: call.types?.[m.direction], registry: call.types?.registry };
  }

  /**
   * `length` characters of one kept message's JSON text from `offset`, and the whole text's
   * length. The text is rendered once and kept (one per call, until the next form or message is
   * asked, or call.release), so reading a big response slice by slice costs one rendering.
   */
  jsonSlice(
    callId: string,
    options: { position: number; offset: number; length: number; emitDefaults: boolean; pretty: boolean },
  ): JsonSlice {
    const call = this.get(callId);
    const m = keptAt(call, callId, options.position);
    const key = `${options.position}:${options.emitDefaults}:${options.pretty}`;
    if (call.lastText?.key !== key) {
      const text = call.render(m.direction, m.bytes, { emitDefaults: options.emitDefaults, pretty: options.pretty });
      call.lastText = { key, text };
    }
    const { text } = call.lastText;
    return {
      text: text.slice(options.offset, options.offset + options.length),
      offset: options.offset,
      total: text.length,
    };
  }

  /**
   * Positions of the kept messages whose JSON contains `text` (case-insensitive), from position
   * `from` on. Renders each message, so it works in slices and yields between them: a search over
   * a long stream must not stall the calls and requests of everyone else.
   */
  async find(
    callId: string,
    query: { text: string; direction?: 'sent' | 'received'; from?: number; limit: number },
    signal?: CancelSignal,
  ): Promise<FindResult> {
    const call = this.get(callId);
    const needle = query.text.toLowerCase();
    const positions: number[] = [];
    let position = Math.max(call.dropped, query.from ?? 0);
    let sliceStart = performance.now();
    // The call may still be growing, and older messages may be let go while we yield.
    while (position < call.dropped + call.messages.length && positions.length < query.limit) {
      if (signal?.cancelled) throw new AppError('CANCELLED', 'The search was cancelled');
      if (position < call.dropped) position = call.dropped;
      const m = call.messages[position - call.dropped]!;
      if (!query.direction || m.direction === query.direction) {
        const json = call.render(m.direction, m.bytes, { emitDefaults: false });
        if (json.toLowerCase().includes(needle)) positions.push(position);
      }
      position++;
      if (performance.now() - sliceStart > FIND_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
        if (!this.calls.has(callId)) throw new AppError('NOT_FOUND', `Call '${callId}' was released during the search`);
      }
    }
    return { positions, scannedTo: position, first: call.dropped, total: call.dropped + call.messages.length };
  }

  release(callId: string): void {
    this.calls.delete(callId);
  }

  releaseAll(): void {
    this.calls.clear();
  }
}

/** The message kept at `position`, or an error that says why there is none. */
function keptAt(call: CallMessages, callId: string, position: number): KeptMessage {
  const m = call.messages[position - call.dropped];
  if (position < call.dropped || !m) {
    throw new AppError(
      'NOT_FOUND',
      position < call.dropped
        ? `Message ${position} of call '${callId}' was let go (the oldest kept is ${call.dropped}).`
        : `Call '${callId}' has no message ${position} (it has ${call.dropped + call.messages.length}).`,
    );
  }
  return m;
}
