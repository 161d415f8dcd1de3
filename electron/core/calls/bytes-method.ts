import type * as grpc from '@grpc/grpc-js';
import type { DescMethod } from '@bufbuild/protobuf';

/** grpc-js's serializers for code that handles the bytes itself: the demo, mocks, the recording proxy. */
export const sameBytes = (b: Buffer): Buffer => b;

/** A grpc-js method definition that carries raw bytes both ways. */
export function bytesMethod(
  path: string,
  streams: { request: boolean; response: boolean },
  originalName?: string,
): grpc.MethodDefinition<Buffer, Buffer> {
  return {
    path,
    requestStream: streams.request,
    responseStream: streams.response,
    requestSerialize: sameBytes,
    requestDeserialize: sameBytes,
    responseSerialize: sameBytes,
    responseDeserialize: sameBytes,
    ...(originalName ? { originalName } : {}),
  };
}

/** The bytes definition of a schema method, at `/<service>/<method>`. */
export function bytesMethodOf(service: string, method: DescMethod): grpc.MethodDefinition<Buffer, Buffer> {
  const kind = method.methodKind;
  return bytesMethod(
    `/${service}/${method.name}`,
    {
      request: kind === 'client_streaming' || kind === 'bidi_streaming',
      response: kind === 'server_streaming' || kind === 'bidi_streaming',
    },
    method.name,
  );
}
