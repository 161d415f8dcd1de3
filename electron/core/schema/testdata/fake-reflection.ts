// Test helper: a reflection service whose every answer the test writes, to play servers that
// misbehave in ways real ones do (errors, empty answers, wrong answers).
import type * as grpc from '@grpc/grpc-js';
import { createRegistry, fromBinary } from '@bufbuild/protobuf';
import { file_grpc_reflection_v1_reflection } from '../reflection-v1_pb.generated';
import { file_grpc_reflection_v1alpha_reflection } from './reflection-v1alpha_pb.generated';

/** Both versions' messages, by full name. */
export const reflectionTypes = createRegistry(file_grpc_reflection_v1_reflection, file_grpc_reflection_v1alpha_reflection);

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
