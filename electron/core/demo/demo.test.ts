import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { create, createFileRegistry, equals, fromBinary, type MessageInitShape } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDescriptorSet, startDemoServer, type DemoServer } from '.';
import { ServerReflectionRequestSchema } from '../schema/reflection-v1_pb.generated';
import { DEMO_DESCRIPTOR_SET_BASE64 } from './demo-descriptor.generated';
import { demoReflectionAnswers } from './registry';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer();
});
afterAll(() => server.stop());

/** A bare reflection client, independent of Loupe's schema engine. */
function reflect(version: 'v1' | 'v1alpha', request: object): Promise<Record<string, unknown>> {
  const protoPath = require.resolve(`@grpc/reflection/build/proto/grpc/reflection/${version}/reflection.proto`);
  const def = protoLoader.loadSync(protoPath, { keepCase: true });
  const pkg = grpc.loadPackageDefinition(def) as never as {
    grpc: { reflection: Record<string, { ServerReflection: grpc.ServiceClientConstructor }> };
  };
  const Client = pkg.grpc.reflection[version]!.ServerReflection;
  const client = new Client(server.address, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => {
    const call = (
      client as unknown as { ServerReflectionInfo(): grpc.ClientDuplexStream<object, Record<string, unknown>> }
    ).ServerReflectionInfo();
    call.on('data', (r) => {
      resolve(r);
      call.end();
      client.close();
    });
    call.on('error', reject);
    call.write(request);
  });
}

describe('demo server', () => {
  it.each(['v1', 'v1alpha'] as const)('serves reflection %s: list_services', async (v) => {
    const r = await reflect(v, { list_services: '' });
    const names = (r.list_services_response as { service: { name: string }[] }).service.map((s) => s.name);
    expect(names).toContain('loupe.demo.v1.Demo');
  });

  it("reflection returns protoc's descriptors, comments included", async () => {
    const r = await reflect('v1', { file_containing_symbol: 'loupe.demo.v1.Demo' });
    const files = (r.file_descriptor_response as { file_descriptor_proto: Buffer[] }).file_descriptor_proto.map((b) =>
      fromBinary(FileDescriptorProtoSchema, b),
    );
    const demo = files.find((f) => f.name === 'loupe/demo/v1/demo.proto');
    expect(demo).toBeDefined();
    const original = demoDescriptorSet().file.find((f) => f.name === 'loupe/demo/v1/demo.proto')!;
    expect(equals(FileDescriptorProtoSchema, demo!, original)).toBe(true);
    const comments = demo!.sourceCodeInfo!.location.map((l) => l.leadingComments).join('\n');
    expect(comments).toMatch(/Demo answers every kind of call/);
    // proto3 optional survives (the field 'maybe').
    const maybe = demo!.messageType.find((m) => m.name === 'Sample')!.field.find((f) => f.name === 'maybe')!;
    expect(maybe.proto3Optional).toBe(true);
  });

  it('reflection finds every symbol and file protoc declared, and nothing else', () => {
    const answer = demoReflectionAnswers();
    const ask = (messageRequest: MessageInitShape<typeof ServerReflectionRequestSchema>['messageRequest']) =>
      answer(create(ServerReflectionRequestSchema, { messageRequest })).messageResponse.case;
    const declared = createFileRegistry(demoDescriptorSet());
    const symbols: string[] = [];
    for (const desc of declared) {
      symbols.push(desc.typeName);
      if (desc.kind === 'service') symbols.push(...desc.methods.map((m) => `${desc.typeName}.${m.name}`));
    }
    expect(symbols.length).toBeGreaterThan(30);
    for (const symbol of symbols)
      expect([symbol, ask({ case: 'fileContainingSymbol', value: symbol })]).toEqual([
        symbol,
        'fileDescriptorResponse',
      ]);
    for (const file of demoDescriptorSet().file)
      expect([file.name, ask({ case: 'fileByFilename', value: file.name })]).toEqual([
        file.name,
        'fileDescriptorResponse',
      ]);
    for (const absent of ['loupe.demo.v1.Nope', 'loupe.demo.v1.Demo.Nope', 'google.protobuf.Empty', 'Demo'])
      expect([absent, ask({ case: 'fileContainingSymbol', value: absent })]).toEqual([absent, 'errorResponse']);
    expect(ask({ case: 'fileByFilename', value: 'google/protobuf/empty.proto' })).toBe('errorResponse');
  });

  it('the embedded descriptor set matches demo.proto (run npm run generate after editing the proto)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-demo-'));
    const out = join(dir, 'demo.binpb');
    try {
      execFileSync('protoc', [
        `-I${join(__dirname, 'proto')}`,
        `-I${join(__dirname, '../../../node_modules/google-proto-files')}`,
        '--include_imports',
        '--include_source_info',
        `-o${out}`,
        'loupe/demo/v1/demo.proto',
      ]);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // no protoc here: nothing to compare
      throw err;
    }
    const fresh = fromBinary(FileDescriptorSetSchema, readFileSync(out));
    const embedded = fromBinary(FileDescriptorSetSchema, Buffer.from(DEMO_DESCRIPTOR_SET_BASE64, 'base64'));
    expect(equals(FileDescriptorSetSchema, fresh, embedded)).toBe(true);
  });

  it('stop() is idempotent and frees the port', async () => {
    const s = await startDemoServer();
    await Promise.all([s.stop(), s.stop()]);
    const again = await startDemoServer({ port: s.port });
    expect(again.port).toBe(s.port);
    await again.stop();
  });
});
