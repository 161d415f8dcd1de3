import { bytesMethod } from '../calls/bytes-method';
import * as grpc from '@grpc/grpc-js';
import { create, createFileRegistry, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  FileDescriptorProtoSchema,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';

export const HEALTH_SERVICE = 'grpc.health.v1.Health';

/**
 * grpc/health/v1/health.proto as a descriptor, so the mock's reflection lists the health service
 * it serves and clients (grpcurl, loupe) can describe it. Written out here: it is four small
 * types, and bundling the .proto would mean compiling it at start.
 */
export const HEALTH_FILE: FileDescriptorProto = create(FileDescriptorProtoSchema, {
  name: 'grpc/health/v1/health.proto',
  package: 'grpc.health.v1',
  syntax: 'proto3',
  messageType: [
    {
      name: 'HealthCheckRequest',
      field: [
        {
          name: 'service',
          number: 1,
          label: FieldDescriptorProto_Label.OPTIONAL,
          type: FieldDescriptorProto_Type.STRING,
          jsonName: 'service',
        },
      ],
    },
    {
      name: 'HealthCheckResponse',
      field: [
        {
          name: 'status',
          number: 1,
          label: FieldDescriptorProto_Label.OPTIONAL,
          type: FieldDescriptorProto_Type.ENUM,
          typeName: '.grpc.health.v1.HealthCheckResponse.ServingStatus',
          jsonName: 'status',
        },
      ],
      enumType: [
        {
          name: 'ServingStatus',
          value: [
            { name: 'UNKNOWN', number: 0 },
            { name: 'SERVING', number: 1 },
            { name: 'NOT_SERVING', number: 2 },
            { name: 'SERVICE_UNKNOWN', number: 3 },
          ],
        },
      ],
    },
  ],
  service: [
    {
      name: 'Health',
      method: [
        {
          name: 'Check',
          inputType: '.grpc.health.v1.HealthCheckRequest',
          outputType: '.grpc.health.v1.HealthCheckResponse',
        },
        {
          name: 'Watch',
          inputType: '.grpc.health.v1.HealthCheckRequest',
          outputType: '.grpc.health.v1.HealthCheckResponse',
          serverStreaming: true,
        },
      ],
    },
  ],
});

const registry = createFileRegistry(create(FileDescriptorProtoSchema, HEALTH_FILE), () => undefined);
const Request = registry.getMessage('grpc.health.v1.HealthCheckRequest')!;
const Response = registry.getMessage('grpc.health.v1.HealthCheckResponse')!;
const SERVING = 1;
const SERVICE_UNKNOWN = 3;

const answer = (status: number) => Buffer.from(toBinary(Response, create(Response, { status })));
const serviceOf = (b: Buffer) => (fromBinary(Request, b) as unknown as { service: string }).service;

/** The standard health service: every served service (and the server as a whole, "") is SERVING. */
export function addHealthService(server: grpc.Server, served: ReadonlySet<string>): void {
  const method = (name: string, responseStream: boolean): grpc.MethodDefinition<Buffer, Buffer> =>
    bytesMethod(`/${HEALTH_SERVICE}/${name}`, { request: false, response: responseStream });
  const known = (service: string) => service === '' || served.has(service);
  server.addService(
    { Check: method('Check', false), Watch: method('Watch', true) },
    {
      Check(call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) {
        const service = serviceOf(call.request);
        if (known(service)) callback(null, answer(SERVING));
        else callback({ code: grpc.status.NOT_FOUND, details: `This mock serves no service '${service}'` });
      },
      // Serving status never changes in a mock: one answer, then the stream stays open until the client leaves.
      Watch(call: grpc.ServerWritableStream<Buffer, Buffer>) {
        call.write(answer(known(serviceOf(call.request)) ? SERVING : SERVICE_UNKNOWN));
      },
    },
  );
}
