import { fromBinary } from '@bufbuild/protobuf';
import { createFileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { messageToJson } from '../../calls/codec';
import type { MessagePlans } from '../message-plan';
import { messagePlans } from './message-plans';

/** Turns a batch of received wire messages into the JSON text the sandbox reads: `{"first":n,"messages":[...]}`. */
export type MessageDecoder = (first: number, bytes: Uint8Array, sizes: number[]) => string;

/**
 * How received messages reach the sandbox. Usually as their wire bytes (Latin-1 text) and the
 * type's reading plans, which the sandbox decodes field by field as scripts read them
 * (sandbox/lazy-message.ts); for types with an Any or extensions inside, as proto3 JSON text
 * printed here. Either way the engine keeps its lazy decoding: a stream with a per-message hook
 * costs the engine a copy of the bytes and nothing more.
 */
export type ReceivedMessages = { plans: MessagePlans } | { plans?: undefined; decode: MessageDecoder };

export function receivedMessages(descriptors: Uint8Array, outputType: string): ReceivedMessages {
  const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, descriptors));
  const desc = registry.getMessage(outputType);
  if (!desc) throw new Error(`the schema given to the scripts has no message ${outputType}`);
  const plans = messagePlans(desc, registry);
  if (plans) return { plans };
  return {
    decode: (first, bytes, sizes) => {
      const parts: string[] = [];
      let offset = 0;
      for (const size of sizes) {
        const slice = bytes.subarray(offset, offset + size);
        offset += size;
        // Every field, defaults included: a test reads `m.count` as 0, not undefined.
        parts.push(messageToJson(desc, fromBinary(desc, slice), registry, true, slice));
      }
      return `{"first":${first},"messages":[${parts.join(',')}]}`;
    },
  };
}
