import { createFileRegistry, fromBinary } from '@bufbuild/protobuf';
import type { FileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import type { FileDescriptorSet } from '@bufbuild/protobuf/wkt';
import { DEMO_DESCRIPTOR_SET_BASE64 } from './demo-descriptor.generated';
import { Demo } from './demo_pb.generated';

export const DEMO_SERVICE = Demo.typeName;

let cached: { set: FileDescriptorSet; registry: FileRegistry } | undefined;

function load() {
  if (!cached) {
    const set = fromBinary(FileDescriptorSetSchema, Buffer.from(DEMO_DESCRIPTOR_SET_BASE64, 'base64'));
    cached = { set, registry: createFileRegistry(set) };
  }
  return cached;
}

/**
 * The demo's FileDescriptorSet (demo.proto and the well-known types it imports) as protoc made it,
 * comments included: what its reflection serves.
 */
export function demoDescriptorSet(): FileDescriptorSet {
  return load().set;
}

/** Registry of the demo schema: what a client gets from the demo's reflection service. */
export function demoRegistry(): FileRegistry {
  return load().registry;
}
