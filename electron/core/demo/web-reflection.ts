import { create, createFileRegistry, fromBinary, toBinary, type Message } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import type { ConnectRouter } from '@connectrpc/connect';
import { REFLECTION_DESCRIPTOR_SET_BASE64 } from '../schema/reflection-descriptors';
import { DEMO_SERVICE, demoDescriptorSet, demoRegistry } from './registry';

/**
 * grpc.reflection.v1 for the demo's Connect server, so a client that reflects over gRPC on that
 * port (Loupe does, for a gRPC-Web or Connect target) finds the schema, as it would on a server
 * that speaks gRPC beside its web protocols. The demo's files are few: every answer that finds a
 * symbol carries all of them, which reflection allows (a file and its dependencies).
 */
export function addDemoReflection(router: ConnectRouter): void {
  const registry = createFileRegistry(
    fromBinary(FileDescriptorSetSchema, Buffer.from(REFLECTION_DESCRIPTOR_SET_BASE64, 'base64')),
  );
  const service = registry.getService('grpc.reflection.v1.ServerReflection');
  const response = registry.getMessage('grpc.reflection.v1.ServerReflectionResponse');
  const method = service?.methods[0];
  if (!service || !response || !method) throw new Error('embedded reflection descriptors lack grpc.reflection.v1');
  const files = demoDescriptorSet().file.map((f) => toBinary(FileDescriptorProtoSchema, f));
  const fileNames = new Set(demoDescriptorSet().file.map((f) => f.name));

  const known = (symbol: string): boolean => {
    if (demoRegistry().get(symbol)) return true;
    // Service.Method names a method of a known service.
    const dot = symbol.lastIndexOf('.');
    const owner = demoRegistry().getService(symbol.slice(0, dot));
    return owner?.methods.some((m) => m.name === symbol.slice(dot + 1)) ?? false;
  };

  const answer = (request: Record<string, unknown>): Message => {
    const asked = request.messageRequest as { case?: string; value?: unknown };
    const base = { validHost: '', originalRequest: request };
    const found = { case: 'fileDescriptorResponse', value: { fileDescriptorProto: files } };
    const notFound = (what: string) => ({
      case: 'errorResponse',
      value: { errorCode: 5, errorMessage: `${what} not found` },
    });
    let messageResponse: unknown;
    switch (asked.case) {
      case 'listServices':
        messageResponse = { case: 'listServicesResponse', value: { service: [{ name: DEMO_SERVICE }] } };
        break;
      case 'fileContainingSymbol':
        messageResponse = known(asked.value as string) ? found : notFound(`symbol ${String(asked.value)}`);
        break;
      case 'fileByFilename':
        messageResponse = fileNames.has(asked.value as string) ? found : notFound(`file ${String(asked.value)}`);
        break;
      case 'allExtensionNumbersOfType':
        messageResponse = {
          case: 'allExtensionNumbersResponse',
          value: { baseTypeName: asked.value, extensionNumber: [] },
        };
        break;
      default:
        messageResponse = notFound('extension');
    }
    return create(response, { ...base, messageResponse });
  };

  router.rpc(method, async function* reflect(requests: AsyncIterable<Record<string, unknown>>) {
    for await (const request of requests) yield answer(request);
  } as never);
}
