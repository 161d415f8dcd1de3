import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { REFLECTION_PROTO_JSON } from './reflection-proto.generated';

/** The options @grpc/reflection loads its proto with; its handlers expect messages of this shape. */
const PROTO_LOADER_OPTS = { longs: String, enums: String, bytes: Array, defaults: true, oneofs: true };

interface ReflectionHandler {
  handleServerReflectionRequest(message: unknown): unknown;
}

type ReflectionPackage = {
  grpc: { reflection: Record<'v1' | 'v1alpha', { ServerReflection: grpc.ServiceClientConstructor }> };
};

/**
 * Adds grpc.reflection.v1 and v1alpha to a server. Same implementation as
 * `new ReflectionService(pkg).addToServer(server)`, except that the reflection service definition
 * comes from an embedded copy of reflection.proto: the library reads that file from a path next
 * to its own sources, which does not exist once esbuild has bundled the engine into dist/.
 */
export function addReflection(server: grpc.Server, packageDefinition: object): void {
  const service = new ReflectionService(packageDefinition as never);
  // The per-version implementations are private fields of the facade; they are what it calls too.
  const impls = service as unknown as { v1: ReflectionHandler; v1Alpha: ReflectionHandler };
  const pkg = grpc.loadPackageDefinition(
    protoLoader.fromJSON(REFLECTION_PROTO_JSON, PROTO_LOADER_OPTS),
  ) as unknown as ReflectionPackage;
  const versions: ['v1' | 'v1alpha', ReflectionHandler][] = [
    ['v1', impls.v1],
    ['v1alpha', impls.v1Alpha],
  ];
  for (const [version, impl] of versions) {
    server.addService(pkg.grpc.reflection[version].ServerReflection.service, {
      ServerReflectionInfo: (stream: grpc.ServerDuplexStream<unknown, unknown>) => {
        stream.on('end', () => stream.end());
        stream.on('error', () => undefined);
        stream.on('data', (message: unknown) => stream.write(impl.handleServerReflectionRequest(message)));
      },
    });
  }
}
