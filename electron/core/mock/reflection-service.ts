import type * as grpc from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { toBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';

/*
 * A module of its own so mock-server.ts can import it when the first mock starts: loading
 * @grpc/reflection parses its own .proto files with protobufjs, which every engine start (browser
 * mode, the desktop app) paid before. Imported with import() of this module, not of the package,
 * so every bundle turns the package into a require() when this module first runs.
 */

/**
 * @grpc/reflection reads only `fileDescriptorProtos` from a proto-loader package definition: we
 * hand it the schema's own files, exact as loaded.
 */
export function addReflectionService(server: grpc.Server, files: FileDescriptorProto[]): void {
  const fileDescriptorProtos = files.map((f) => Buffer.from(toBinary(FileDescriptorProtoSchema, f)));
  new ReflectionService({
    mock: { format: 'Protocol Buffer 3 EnumDescriptorProto', type: {}, fileDescriptorProtos },
  }).addToServer(server);
}
