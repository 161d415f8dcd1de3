import type * as grpc from '@grpc/grpc-js';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { bytesMethod } from '../calls/bytes-method';
import type { ReflectionAnswerer } from '../connect-server/reflection-routes';
import { ServerReflectionRequestSchema, ServerReflectionResponseSchema } from '../schema/reflection-v1_pb.generated';

/** v1alpha is the same messages under another package, so one answerer serves both. */
const PACKAGES = ['grpc.reflection.v1', 'grpc.reflection.v1alpha'];

/**
 * Server reflection (v1 and v1alpha) on the demo's grpc-js server, with the answers its Connect
 * side gives (connect-server/reflection-routes.ts). @grpc/reflection did this before, and it was
 * a third of `loupe web`'s start: it parses its own .proto files with protobufjs when loaded and
 * decodes every served file again (comments included) when constructed, outside the CLI's code
 * cache; here the files are already descriptors.
 */
export function addGrpcReflection(server: grpc.Server, answer: ReflectionAnswerer): void {
  for (const pkg of PACKAGES) {
    const definition = {
      ServerReflectionInfo: bytesMethod(`/${pkg}.ServerReflection/ServerReflectionInfo`, {
        request: true,
        response: true,
      }),
    };
    server.addService(definition, {
      ServerReflectionInfo: (call: grpc.ServerDuplexStream<Buffer, Buffer>) => {
        call.on('data', (bytes: Buffer) => {
          let request;
          try {
            request = fromBinary(ServerReflectionRequestSchema, bytes);
          } catch {
            call.destroy(new Error('not a reflection request'));
            return;
          }
          call.write(Buffer.from(toBinary(ServerReflectionResponseSchema, answer(request))));
        });
        call.on('end', () => call.end());
      },
    });
  }
}
