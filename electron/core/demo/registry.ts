import { create } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema, type FileDescriptorSet } from '@bufbuild/protobuf/wkt';
import { reflectionAnswerer, type ReflectionAnswerer } from '../connect-server/reflection-routes';
import { splitImage } from '../schema/image-split';
import { decodeFile } from '../schema/lazy-source-info';
import { DEMO_DESCRIPTOR_SET_BASE64 } from './demo-descriptor.generated';
import { Demo } from './demo_pb.generated';

export const DEMO_SERVICE = Demo.typeName;

let cached: FileDescriptorSet | undefined;

/**
 * The demo's FileDescriptorSet (demo.proto and the well-known types it imports) as protoc made it,
 * comments included: what its reflection serves.
 */
export function demoDescriptorSet(): FileDescriptorSet {
  // Source info (the comments) stays encoded until read, and reflection serves it as it came.
  cached ??= create(FileDescriptorSetSchema, {
    file: splitImage(Buffer.from(DEMO_DESCRIPTOR_SET_BASE64, 'base64')).map(decodeFile),
  });
  return cached;
}

let answers: ReflectionAnswerer | undefined;

/**
 * Reflection's answers for the demo, for its gRPC and its Connect server: built once, on the
 * first question rather than when the servers start. Decoding protoc's descriptors (comments
 * included) and indexing them was a good part of `loupe web`'s time to its URL; the first
 * question comes a moment later, while the browser loads the page.
 */
export function demoReflectionAnswers(): ReflectionAnswerer {
  return (request) => {
    answers ??= reflectionAnswerer(demoDescriptorSet().file, [DEMO_SERVICE]);
    return answers(request);
  };
}
