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
