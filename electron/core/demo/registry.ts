import { fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema, type FileDescriptorSet } from '@bufbuild/protobuf/wkt';
import { reflectionAnswerer, type ReflectionAnswerer } from '../connect-server/reflection-routes';
import { DEMO_DESCRIPTOR_SET_BASE64 } from './demo-descriptor.generated';
import { Demo } from './demo_pb.generated';

export const DEMO_SERVICE = Demo.typeName;

let cached: FileDescriptorSet | undefined;

/**
 * The demo's FileDescriptorSet (demo.proto and the well-known types it imports) as protoc made it,
 * comments included: what its reflection serves.
 */
export function demoDescriptorSet(): FileDescriptorSet {
  cached ??= fromBinary(FileDescriptorSetSchema, Buffer.from(DEMO_DESCRIPTOR_SET_BASE64, 'base64'));
  return cached;
}

let answers: ReflectionAnswerer | undefined;

/** Reflection's answers for the demo, built once for its gRPC and its Connect server. */
export function demoReflectionAnswers(): ReflectionAnswerer {
  answers ??= reflectionAnswerer(demoDescriptorSet().file, [DEMO_SERVICE]);
  return answers;
}
