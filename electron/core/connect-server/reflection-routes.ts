import { create, createFileRegistry, type MessageInitShape, type Registry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { ConnectRouter } from '@connectrpc/connect';
import {
  ServerReflection,
  ServerReflectionResponseSchema,
  type ServerReflectionRequest,
  type ServerReflectionResponse,
} from '../schema/reflection-v1_pb.generated';
import { encodeWholeFile } from '../schema/lazy-source-info';

type Reply = MessageInitShape<typeof ServerReflectionResponseSchema>['messageResponse'];

/** grpc.StatusCode NOT_FOUND, as reflection's ErrorResponse spells a code. */
const NOT_FOUND = 5;

/**
 * Reflection's answers for a fixed set of files, whatever carries them: the Connect routes below
 * and the demo's grpc-js server (demo/grpc-reflection.ts). Every answer that finds a symbol
 * carries all the files, which reflection allows (a file and its dependencies): simple, and the
 * files are few. No file here declares extensions, so none are listed.
 */
export type ReflectionAnswerer = (request: ServerReflectionRequest) => ServerReflectionResponse;

export function reflectionAnswerer(fileProtos: FileDescriptorProto[], services: string[]): ReflectionAnswerer {
  return answererOf(
    {
      // A file still holding its source info encoded (a compiled one) is served from its bytes,
      // never decoded for it.
      files: fileProtos.map(encodeWholeFile),
      fileNames: new Set(fileProtos.map((f) => f.name)),
      registry: createFileRegistry(create(FileDescriptorSetSchema, { file: fileProtos })),
    },
    services,
  );
}

/** What reflection answers from: the files as served, their names, and what they declare. */
export interface ReflectedFiles {
  files: Uint8Array[];
  fileNames: Set<string>;
  registry: Registry;
}

/** Reflection's answers from files already in the form they are served in (the demo's). */
export function answererOf({ files, fileNames, registry }: ReflectedFiles, services: string[]): ReflectionAnswerer {
  const known = (symbol: string): boolean => {
    if (registry.get(symbol)) return true;
    // Service.Method names a method of a known service.
    const dot = symbol.lastIndexOf('.');
    const owner = registry.getService(symbol.slice(0, dot));
    return owner?.methods.some((m) => m.name === symbol.slice(dot + 1)) ?? false;
  };

  return (request) => {
    const asked = request.messageRequest;
    const found: Reply = { case: 'fileDescriptorResponse', value: { fileDescriptorProto: files } };
    const notFound = (what: string): Reply => ({
      case: 'errorResponse',
      value: { errorCode: NOT_FOUND, errorMessage: `${what} not found` },
    });
    const messageResponse = ((): Reply => {
      switch (asked.case) {
        case 'listServices':
          return { case: 'listServicesResponse', value: { service: services.map((name) => ({ name })) } };
        case 'fileContainingSymbol':
          return known(asked.value) ? found : notFound(`symbol ${asked.value}`);
        case 'fileByFilename':
          return fileNames.has(asked.value) ? found : notFound(`file ${asked.value}`);
        case 'allExtensionNumbersOfType':
          return {
            case: 'allExtensionNumbersResponse',
            value: { baseTypeName: asked.value, extensionNumber: [] },
          };
        default:
          return notFound('extension');
      }
    })();
    return create(ServerReflectionResponseSchema, { validHost: '', originalRequest: request, messageResponse });
  };
}

/**
 * grpc.reflection.v1 for a Connect server (the demo's, a mock's web port), so a client that
 * reflects over gRPC on that port (Loupe does, for a gRPC-Web or Connect target) finds the
 * schema, as it would on a server that speaks gRPC beside its web protocols. @grpc/reflection
 * serves grpc-js servers only.
 */
export function addReflectionRoutes(router: ConnectRouter, answer: ReflectionAnswerer): void {
  router.service(ServerReflection, {
    async *serverReflectionInfo(requests) {
      for await (const request of requests) yield answer(request);
    },
  });
}
