import { create, createRegistry, type DescFile } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema, type FileDescriptorSet } from '@bufbuild/protobuf/wkt';
import { answererOf, type ReflectedFiles, type ReflectionAnswerer } from '../connect-server/reflection-routes';
import { fields, splitImage } from '../schema/image-split';
import { decodeFile } from '../schema/lazy-source-info';
import { DEMO_DESCRIPTOR_SET_BASE64 } from './demo-descriptor.generated';
import { Demo, file_loupe_demo_v1_demo } from './demo_pb.generated';

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
 * first question rather than when the servers start, from protoc's bytes as they are and the
 * descriptors the generated code already holds. Decoding protoc's descriptors again to index them
 * took 4-10 ms of `loupe web`'s first schema, which the page waits for.
 */
export function demoReflectionAnswers(): ReflectionAnswerer {
  return (request) => {
    answers ??= answererOf(demoReflectedFiles(), [DEMO_SERVICE]);
    return answers(request);
  };
}

/** The descriptor set's files, each as protoc encoded it, comments included. */
function demoReflectedFiles(): ReflectedFiles {
  const image = Buffer.from(DEMO_DESCRIPTOR_SET_BASE64, 'base64');
  const files: Uint8Array[] = [];
  const fileNames = new Set<string>();
  for (const [number, wire, , payload, end] of fields(image)) {
    if (number !== 1 || wire !== 2) continue;
    const file = image.subarray(payload, end);
    files.push(file);
    for (const [n, w, , from, to] of fields(file)) {
      if (n === 1 && w === 2)
        fileNames.add(Buffer.from(file.buffer, file.byteOffset + from, to - from).toString('utf8'));
    }
  }
  return { files, fileNames, registry: createRegistry(...withImports(file_loupe_demo_v1_demo)) };
}

function withImports(file: DescFile, into = new Set<DescFile>()): Set<DescFile> {
  into.add(file);
  for (const imported of file.dependencies) if (!into.has(imported)) withImports(imported, into);
  return into;
}
