import { createFileRegistry, fromBinary } from '@bufbuild/protobuf';
import type { DescMessage, DescService, FileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import type { FileDescriptorSet } from '@bufbuild/protobuf/wkt';
import { DEMO_DESCRIPTOR_SET_BASE64 } from './demo-descriptor.generated';

export const DEMO_PACKAGE = 'loupe.demo.v1';
export const DEMO_SERVICE = 'loupe.demo.v1.Demo';

let cached: { set: FileDescriptorSet; registry: FileRegistry } | undefined;

function load() {
  if (!cached) {
    const set = fromBinary(FileDescriptorSetSchema, Buffer.from(DEMO_DESCRIPTOR_SET_BASE64, 'base64'));
    cached = { set, registry: createFileRegistry(set) };
  }
  return cached;
}

/** The demo's FileDescriptorSet (demo.proto and the well-known types it imports), as protoc made it. */
export function demoDescriptorSet(): FileDescriptorSet {
  return load().set;
}

/** Registry of the demo schema: what a client gets from the demo's reflection service. */
export function demoRegistry(): FileRegistry {
  return load().registry;
}

export function demoMessage(name: string): DescMessage {
  const desc = demoRegistry().getMessage(`${DEMO_PACKAGE}.${name}`);
  if (!desc) throw new Error(`demo schema lacks ${name}`);
  return desc;
}

export function demoService(): DescService {
  const desc = demoRegistry().getService(DEMO_SERVICE);
  if (!desc) throw new Error('demo schema lacks its service');
  return desc;
}
