import { fromBinary } from '@bufbuild/protobuf';
import { createFileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { messageToJson } from '../../calls/codec';

/** Turns a batch of received wire messages into the JSON text the sandbox reads: `{"first":n,"messages":[...]}`. */
export type MessageDecoder = (first: number, bytes: Uint8Array, sizes: number[]) => string;

/**
 * Received messages are decoded here, in the script worker, not in the engine: the engine keeps
 * wire bytes and decodes them only when shown, so a stream with a per-message hook costs the
 * engine a copy of the bytes and nothing more.
 */
export function decodeMessages(descriptors: Uint8Array, outputType: string): MessageDecoder {
  const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, descriptors));
  const desc = registry.getMessage(outputType);
  if (!desc) throw new Error(`the schema given to the scripts has no message ${outputType}`);
  return (first, bytes, sizes) => {
    const parts: string[] = [];
    let offset = 0;
    for (const size of sizes) {
      const slice = bytes.subarray(offset, offset + size);
      offset += size;
      // Every field, defaults included: a test reads `m.count` as 0, not undefined.
      parts.push(messageToJson(desc, fromBinary(desc, slice), registry, true, slice));
    }
    return `{"first":${first},"messages":[${parts.join(',')}]}`;
  };
}
