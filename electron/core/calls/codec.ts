import { fromBinary, toBinary } from '@bufbuild/protobuf';
import type { DescMessage, Message, Registry } from '@bufbuild/protobuf';
import { encodeJson, printJson, type JsonReadOpts } from '../schema/json-codec';
import { collectUnknownFields } from '../schema/unknown-fields';
import type { UnknownField } from '../../../shared/model/unknown-fields';

/** A request's JSON text as its message and the Buffer grpc-js writes; errors as encodeJson's. */
export function encodeRequest(
  desc: DescMessage,
  text: string,
  registry: Registry,
  opts: JsonReadOpts,
): { message: Message; bytes: Buffer } {
  const { message, bytes } = encodeJson(desc, text, registry, opts);
  return { message, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

/** Wire bytes to a message; throws the decoder's error for malformed bytes. */
export function decodeBinary(desc: DescMessage, bytes: Uint8Array): Message {
  return fromBinary(desc, bytes);
}

/**
 * Canonical proto3 JSON of a message. Never throws: a message that cannot be printed (an Any of a
 * type the registry lacks) becomes a small JSON object saying why, with the raw bytes.
 */
export function messageToJson(
  desc: DescMessage,
  message: Message,
  registry: Registry,
  emitDefaults: boolean,
  bytes?: Uint8Array,
  prettySpaces = 0,
): string {
  try {
    return printJson(desc, message, registry, { emitDefaults, indent: prettySpaces });
  } catch (err) {
    return JSON.stringify({
      '@loupe.error': `cannot print ${desc.typeName} as JSON: ${(err as Error).message}`,
      '@loupe.base64': Buffer.from(bytes ?? toBinary(desc, message)).toString('base64'),
    });
  }
}

/**
 * Adds an enumerable `json` getter computed on first read. Turning each message into JSON text on
 * arrival halves the stream rate (see ARCHITECTURE.md "Streams"), so it happens only when someone
 * reads it; JSON.stringify, structuredClone and postMessage all read enumerable getters.
 */
export function withLazyJson<T extends object>(event: T, produce: () => string): T & { json: string } {
  let cached: string | undefined;
  Object.defineProperty(event, 'json', { enumerable: true, configurable: true, get: () => (cached ??= produce()) });
  return event as T & { json: string };
}

/**
 * Message events also carry, out of sight of serialization, the message's wire bytes: the engine
 * keeps those (not decoded objects, which are several times larger) so the UI can read a call's
 * messages again later, rendered with other options, without calling the server again.
 */
const WIRE_BYTES = Symbol('loupe.wireBytes');

export function withWireBytes<T extends object>(event: T, bytes: Uint8Array): T {
  Object.defineProperty(event, WIRE_BYTES, { enumerable: false, value: bytes });
  return event;
}

export function wireBytesOf(event: object): Uint8Array | undefined {
  return (event as { [WIRE_BYTES]?: Uint8Array })[WIRE_BYTES];
}

/** Renders a kept message of a call as JSON text, decoding its bytes again. */
export type MessageRenderer = (
  direction: 'sent' | 'received',
  bytes: Uint8Array,
  options: { emitDefaults: boolean; pretty?: boolean },
) => string;

/** `registry` must already include what the call runner adds (google.rpc), see withGoogleRpc. */
export function messageRenderer(input: DescMessage, output: DescMessage, registry: Registry): MessageRenderer {
  return (direction, bytes, { emitDefaults, pretty = false }) => {
    const desc = direction === 'sent' ? input : output;
    let message: Message;
    try {
      message = decodeBinary(desc, bytes);
    } catch (err) {
      return JSON.stringify({ '@loupe.error': `cannot decode ${desc.typeName}: ${(err as Error).message}` });
    }
    return messageToJson(desc, message, registry, emitDefaults, bytes, pretty ? 2 : 0);
  };
}

/** The fields of a kept message its type does not know; decoded only when a message is shown. */
export type UnknownFieldReader = (direction: 'sent' | 'received', bytes: Uint8Array) => UnknownField[];

export function unknownFieldReader(input: DescMessage, output: DescMessage): UnknownFieldReader {
  return (direction, bytes) => {
    const desc = direction === 'sent' ? input : output;
    try {
      return collectUnknownFields(desc, decodeBinary(desc, bytes));
    } catch {
      return []; // bytes that do not decode say so in their JSON already
    }
  };
}
