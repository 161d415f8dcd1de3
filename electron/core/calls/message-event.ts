import type { DescMessage } from '@bufbuild/protobuf';
import { decodeBinary, type MessageRenderer } from './codec';
import { wellFormed } from './wire-check';

/** How one call renders its messages: shared by all its message events. */
export interface CallRendering {
  render: MessageRenderer;
  emitDefaults: boolean;
}

/**
 * A message a call sent or received, as its wire bytes. Nothing is decoded on arrival: the JSON is
 * made on the first read of `json` and kept, so a message nobody reads (most of a fast stream's)
 * costs one small object. The getter lives on the prototype, not on each event (a per-event
 * property definition cost about as much as the rest of the event), so serializers that list own
 * properties use `toJSON`; the bytes stay private to the engine (`wireBytesOf`), out of sight of
 * JSON, structured clones and object spreads.
 */
export class MessageEvent<T extends 'sent' | 'received' = 'sent' | 'received'> {
  readonly size: number;
  readonly #bytes: Uint8Array;
  readonly #rendering: CallRendering;
  #json: string | undefined;

  constructor(
    readonly type: T,
    readonly t: number,
    readonly index: number,
    bytes: Uint8Array,
    rendering: CallRendering,
  ) {
    this.size = bytes.length;
    this.#bytes = bytes;
    this.#rendering = rendering;
  }

  /** Canonical proto3 JSON (int64 as strings), rendered once, on first read. */
  get json(): string {
    return (this.#json ??= this.#rendering.render(this.type, this.#bytes, {
      emitDefaults: this.#rendering.emitDefaults,
    }));
  }

  get wireBytes(): Uint8Array {
    return this.#bytes;
  }

  toJSON(): { type: T; t: number; index: number; size: number; json: string } {
    return { type: this.type, t: this.t, index: this.index, size: this.size, json: this.json };
  }
}

/**
 * Message events carry their wire bytes: the engine keeps those (not decoded objects, which are
 * several times larger) so the UI can read a call's messages again later, rendered with other
 * options, without calling the server again.
 */
export function wireBytesOf(event: object): Uint8Array | undefined {
  return event instanceof MessageEvent ? event.wireBytes : undefined;
}

/**
 * Why `bytes` are not a valid `desc`, naming the field where reading stopped; undefined when
 * they are. The scan (wire-check.ts) decides alone when the bytes are well formed; otherwise the
 * decoder does, so the verdict is always the decoder's.
 */
export function wireProblem(desc: DescMessage, bytes: Uint8Array): string | undefined {
  const scan = wellFormed(desc, bytes);
  if (scan.ok) return undefined;
  try {
    decodeBinary(desc, bytes);
    return undefined;
  } catch (err) {
    const reason = (err as Error).message;
    return scan.field ? `${reason} (in field ${scan.field})` : reason;
  }
}
