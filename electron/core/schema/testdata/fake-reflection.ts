// Test helper: a reflection service whose every answer the test writes, to play servers that
// misbehave in ways real ones do (errors, empty answers, wrong answers).
import type * as grpc from '@grpc/grpc-js';
import { createFileRegistry, fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { REFLECTION_DESCRIPTOR_SET_BASE64 } from '../reflection-descriptors';

export const reflectionTypes = createFileRegistry(fromBinary(FileDescriptorSetSchema, Buffer.from(REFLECTION_DESCRIPTOR_SET_BASE64, 'base64')));

/** A raw bidi handler on a reflection path, with our own (de)serializers. */
export function reflectionService(version: 'v1' | 'v1alpha', respond: (req: Record<string, unknown>, call: grpc.ServerDuplexStream<Buffer, Buffer>) => void) {
  const reqDesc = reflectionTypes.getMessage(`grpc.reflection.${version}.ServerReflectionRequest`)!;
  const definition: grpc.ServiceDefinition = {
    ServerReflectionInfo: {
      path: `/grpc.reflection.${version}.ServerReflection/ServerReflectionInfo`,
      requestStream: true,
      responseStream: true,
      requestSerialize: (b: Buffer) => b,
      requestDeserialize: (b: Buffer) => b,
      responseSerialize: (b: Buffer) => b,
      responseDeserialize: (b: Buffer) => b,
    },
  };
  const handler = (call: grpc.ServerDuplexStream<Buffer, Buffer>) => {
    call.on('data', (bytes: Buffer) => respond(fromBinary(reqDesc, bytes) as unknown as Record<string, unknown>, call));
    call.on('end', () => call.end());
  };
  return { definition, handler: { ServerReflectionInfo: handler } as grpc.UntypedServiceImplementation };
}
