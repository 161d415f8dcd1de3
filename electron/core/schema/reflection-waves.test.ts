import { afterAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { create, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { reflectSchema } from './reflection-client';
import { reflectionService, reflectionTypes } from './testdata/fake-reflection';

/** `packages` files, one package each, declaring `perFile` services each. */
function files(packages: number, perFile: number): FileDescriptorProto[] {
  return Array.from({ length: packages }, (_, p) =>
    create(FileDescriptorProtoSchema, {
      name: `many/p${p}.proto`,
      package: `many.p${p}`,
      syntax: 'proto3',
      messageType: [{ name: 'Empty' }],
      service: Array.from({ length: perFile }, (_, s) => ({
        name: `S${s}`,
        method: [{ name: 'Get', inputType: `.many.p${p}.Empty`, outputType: `.many.p${p}.Empty` }],
      })),
    }),
  );
}

/** A v1 reflection server over `all` that counts the file_containing_symbol questions it gets. */
async function countingServer(all: FileDescriptorProto[], alsoListed: string[] = []) {
  const asked: string[] = [];
  const resDesc = reflectionTypes.getMessage('grpc.reflection.v1.ServerReflectionResponse')!;
  const services = [...all.flatMap((f) => f.service.map((s) => `${f.package}.${s.name}`)), ...alsoListed];
  const reflection = reflectionService('v1', (req, call) => {
    const r = req.messageRequest as { case: string; value: string };
    let messageResponse: unknown = { case: 'errorResponse', value: { errorCode: 5, errorMessage: 'not found' } };
    if (r.case === 'listServices')
      messageResponse = { case: 'listServicesResponse', value: { service: services.map((name) => ({ name })) } };
    if (r.case === 'fileContainingSymbol') {
      asked.push(r.value);
      const f = all.find((x) => x.service.some((s) => `${x.package}.${s.name}` === r.value));
      if (f)
        messageResponse = {
          case: 'fileDescriptorResponse',
          value: { fileDescriptorProto: [toBinary(FileDescriptorProtoSchema, f)] },
        };
    }
    call.write(Buffer.from(toBinary(resDesc, create(resDesc, { originalRequest: req, messageResponse }))));
  });
  const server = new grpc.Server();
  server.addService(reflection.definition, reflection.handler);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  servers.push(server);
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  clients.push(client);
  return { client, asked };
}

const servers: grpc.Server[] = [];
const clients: grpc.Client[] = [];
afterAll(() => {
  for (const c of clients) c.close();
  for (const s of servers) s.forceShutdown();
});

describe('reflection asks for each file about once, not for every service', () => {
  it('asks once per file when every file has its own package', async () => {
    const { client, asked } = await countingServer(files(12, 10));
    const result = await reflectSchema(client);
    expect(result.services).toHaveLength(120);
    expect(result.files.map((f) => f.name).sort()).toEqual(
      files(12, 10)
        .map((f) => f.name)
        .sort(),
    );
    expect(result.warnings).toEqual([]);
    // One wave of one service per package: 12 questions for 120 services.
    expect(asked).toHaveLength(12);
  });

  it('still describes every service when one package holds them all, in waves', async () => {
    const { client, asked } = await countingServer(files(1, 30));
    const result = await reflectSchema(client);
    expect(result.files.map((f) => f.name)).toEqual(['many/p0.proto']);
    // The first wave asks for a handful; its answers declare the rest.
    expect(asked.length).toBeLessThanOrEqual(8);
  });

  it('reports each service the server cannot describe, once, and describes the rest', async () => {
    const { client, asked } = await countingServer(files(3, 4), ['many.p0.Ghost']);
    const result = await reflectSchema(client);
    expect(result.warnings).toEqual(['The server listed many.p0.Ghost but could not describe it: not found']);
    expect(result.files).toHaveLength(3);
    expect(asked.filter((s) => s === 'many.p0.Ghost')).toHaveLength(1);
  });
});
