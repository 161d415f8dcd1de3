import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { clone, create, toBinary } from '@bufbuild/protobuf';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { AppError } from '../../../shared/model';
import { encodedSourceInfo } from './lazy-source-info';
import { loadSchema } from './load-schema';
import { googleProtosRoot } from './package-paths';
import { reflectSchema } from './reflection-client';
import { SchemaRegistry } from './registry';
import { loadCorpus } from './testdata/corpus';
import { reflectionService, reflectionTypes } from './testdata/fake-reflection';
import { protocCompile, pseudoRandomBytes, TESTDATA } from './testdata/oracle';

const PROTOS = join(TESTDATA, 'protos');
const COMMON = join(TESTDATA, 'common');

const servers: grpc.Server[] = [];
const clients: grpc.Client[] = [];

async function start(setup: (server: grpc.Server) => void): Promise<string> {
  const server = new grpc.Server();
  setup(server);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  servers.push(server);
  return `127.0.0.1:${port}`;
}

function clientFor(address: string): grpc.Client {
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  clients.push(client);
  return client;
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

/** A v1alpha-only reflection server as another language would write it: protoc's faithful descriptors, imports fetched by name. */
function faithfulV1alphaServer(files: FileDescriptorProto[]) {
  const resDesc = reflectionTypes.getMessage('grpc.reflection.v1alpha.ServerReflectionResponse')!;
  const byName = new Map(files.map((f) => [f.name, f]));
  const services = files.flatMap((f) => f.service.map((s) => `${f.package}.${s.name}`));
  return reflectionService('v1alpha', (req, call) => {
    const r = req.messageRequest as { case: string; value: string };
    let messageResponse: unknown;
    const fileResponse = (f: FileDescriptorProto) => ({
      case: 'fileDescriptorResponse',
      value: { fileDescriptorProto: [toBinary(FileDescriptorProtoSchema, f)] },
    });
    if (r.case === 'listServices')
      messageResponse = { case: 'listServicesResponse', value: { service: services.map((name) => ({ name })) } };
    else if (r.case === 'fileByFilename' && byName.has(r.value)) messageResponse = fileResponse(byName.get(r.value)!);
    else if (r.case === 'fileContainingSymbol') {
      const f = files.find((x) => x.service.some((s) => `${x.package}.${s.name}` === r.value));
      messageResponse = f
        ? fileResponse(f)
        : { case: 'errorResponse', value: { errorCode: 5, errorMessage: 'not found' } };
    } else messageResponse = { case: 'errorResponse', value: { errorCode: 5, errorMessage: `no ${r.value}` } };
    call.write(Buffer.from(toBinary(resDesc, create(resDesc, { originalRequest: req, messageResponse }))));
  });
}

let nodeReflectionAddress: string;
let v1alphaAddress: string;
let noReflectionAddress: string;
let protocFiles: FileDescriptorProto[];

beforeAll(async () => {
  const pkg = protoLoader.loadSync(['shop/v1/shop.proto', 'kitchen/sink.proto'], {
    includeDirs: [PROTOS, COMMON, googleProtosRoot()!],
  });
  nodeReflectionAddress = await start((server) => new ReflectionService(pkg).addToServer(server));
  protocFiles = protocCompile(['shop/v1/shop.proto', 'legacy/legacy.proto'], [PROTOS, COMMON]);
  const alpha = faithfulV1alphaServer(protocFiles);
  v1alphaAddress = await start((server) => server.addService(alpha.definition, alpha.handler));
  noReflectionAddress = await start(() => {});
});

afterAll(() => {
  for (const c of clients) c.close();
  for (const s of servers) s.forceShutdown();
});

describe('reflectSchema', () => {
  it('reads a @grpc/reflection (Node) server over v1 and repairs its lossy descriptors', async () => {
    const result = await reflectSchema(clientFor(nodeReflectionAddress));
    expect(result.version).toBe('v1');
    expect(result.services.sort()).toEqual(['kitchen.SinkService', 'shop.v1.ShopService']);
    const reg = SchemaRegistry.fromFiles(result.files, ['reflection v1']);
    const method = reg.method('shop.v1.ShopService/GetProduct');
    expect(method.input.typeName).toBe('shop.v1.GetProductRequest');
    expect(method.output.fields.find((f) => f.name === 'price')?.message?.typeName).toBe('acme.Money');
    expect(reg.services().map((s) => s.fullName)).toEqual(['kitchen.SinkService', 'shop.v1.ShopService']);
    // The registry it builds encodes and decodes for real.
    const value = {
      fInt64: '9007199254740993',
      fEnum: 'HIGH',
      rEnum: ['LOW'],
      mStringInt64: { a: '1' },
      mBoolSink: { true: { fString: 'x' } },
      cString: 'chosen',
      oInt32: 0,
      wTimestamp: '2024-01-01T00:00:00Z',
      wStruct: { a: [1, 'b'] },
      wAny: { '@type': 'type.googleapis.com/acme.Money', units: '1' },
    };
    const bytes = reg.requestFromJson(reg.method('kitchen.SinkService/Echo'), JSON.stringify(value));
    expect(JSON.parse(reg.messageToJson(reg.message('kitchen.Sink'), bytes))).toEqual(value);
    // Same bytes as the faithful (buf-compiled) schema produces.
    const faithful = await loadCorpus();
    expect(
      Buffer.from(faithful.requestFromJson(faithful.method('kitchen.SinkService/Echo'), JSON.stringify(value))),
    ).toEqual(Buffer.from(bytes));
  });

  it('falls back to v1alpha and follows imports by file name, keeping faithful descriptors', async () => {
    const result = await reflectSchema(clientFor(v1alphaAddress));
    expect(result.version).toBe('v1alpha');
    expect(result.services).toEqual(['shop.v1.ShopService', 'legacy.LegacyService']);
    expect(result.files.map((f) => f.name).sort()).toEqual(protocFiles.map((f) => f.name).sort());
    const reg = SchemaRegistry.fromFiles(result.files, ['reflection v1alpha']);
    expect(reg.services().find((s) => s.name === 'ShopService')?.comment).toBe(
      'Sells things.\n\nSecond paragraph of the service comment.',
    );
    expect(reg.message('shop.v1.Product').fields.find((f) => f.name === 'display_name')?.jsonName).toBe('title');
  });

  it("keeps a reflected file's source info encoded until a comment is read, and loads one whose source info is corrupt without its comments", async () => {
    const faithful = await reflectSchema(clientFor(v1alphaAddress));
    const shop = faithful.files.find((f) => f.name === 'shop/v1/shop.proto')!;
    expect(encodedSourceInfo(shop)?.length).toBeGreaterThan(0);

    const corrupt = clone(
      FileDescriptorProtoSchema,
      protocFiles.find((f) => f.name === 'shop/v1/shop.proto')!,
    );
    corrupt.sourceCodeInfo = undefined;
    // Field 9 (source_code_info) holding a location whose length never ends.
    const unterminated = new BinaryWriter().bytes(new Uint8Array([0x0a, 0xff, 0xff])).finish();
    corrupt.$unknown = [{ no: 9, wireType: WireType.LengthDelimited, data: unterminated }];
    const server = faithfulV1alphaServer([corrupt, ...protocFiles.filter((f) => f.name !== corrupt.name)]);
    const address = await start((s) => s.addService(server.definition, server.handler));
    const result = await reflectSchema(clientFor(address));
    const reg = SchemaRegistry.fromFiles(result.files, ['reflection v1alpha']);
    const service = reg.services().find((s) => s.name === 'ShopService');
    expect(service?.methods.length).toBeGreaterThan(0);
    expect(service?.comment).toBeUndefined();
    expect(result.files.find((f) => f.name === corrupt.name)?.sourceCodeInfo).toBeUndefined();
  });

  it('says clearly when the server has no reflection', async () => {
    const err = await failure(reflectSchema(clientFor(noReflectionAddress)));
    expect(err.code).toBe('SCHEMA');
    expect(err.message).toBe(
      'The server does not offer server reflection (it answered UNIMPLEMENTED for both grpc.reflection.v1 and v1alpha). Enable reflection on the server, or load its .proto files or a protoset instead.',
    );
  });

  it('says clearly when the server is unreachable', async () => {
    const closed = await start(() => {});
    const server = servers.pop()!;
    server.forceShutdown();
    const err = await failure(reflectSchema(clientFor(closed), { deadlineMs: 5000 }));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toMatch(/^Cannot reach the server to ask for its schema: /);
  });

  it('rejects a server that answers with garbage bytes', async () => {
    const garbage = reflectionService('v1', (_req, call) => call.write(Buffer.from(pseudoRandomBytes(64, 7))));
    const address = await start((s) => s.addService(garbage.definition, garbage.handler));
    const err = await failure(reflectSchema(clientFor(address)));
    expect(err.code).toBe('SCHEMA');
    expect(err.message).toMatch(
      /^The server's reflection \(v1\) (sent a response that is not a reflection message|answered list_services with)/,
    );
  });

  it('rejects garbage file descriptors and wrong answers', async () => {
    const resDesc = reflectionTypes.getMessage('grpc.reflection.v1.ServerReflectionResponse')!;
    const bad = reflectionService('v1', (req, call) => {
      const r = req.messageRequest as { case: string };
      const messageResponse =
        r.case === 'listServices'
          ? { case: 'listServicesResponse', value: { service: [{ name: 'x.Y' }] } }
          : { case: 'fileDescriptorResponse', value: { fileDescriptorProto: [pseudoRandomBytes(200, 99)] } };
      call.write(Buffer.from(toBinary(resDesc, create(resDesc, { messageResponse }))));
    });
    const address = await start((s) => s.addService(bad.definition, bad.handler));
    const err = await failure(reflectSchema(clientFor(address)));
    expect(err.code).toBe('SCHEMA');
    expect(err.message).toMatch(
      /^The server's reflection \(v1\) sent a file descriptor (that does not decode|without a name)/,
    );
  });

  it('asks only for extensions not yet known, and says which the server could not describe', async () => {
    const resDesc = reflectionTypes.getMessage('grpc.reflection.v1.ServerReflectionResponse')!;
    const legacy = protocFiles.find((f) => f.name === 'legacy/legacy.proto')!;
    const asked: string[] = [];
    const server = reflectionService('v1', (req, call) => {
      const r = req.messageRequest as { case: string; value: unknown };
      asked.push(`${r.case} ${JSON.stringify(r.value, (k, v: unknown) => (k === '$typeName' ? undefined : v))}`);
      const messageResponse =
        r.case === 'listServices'
          ? { case: 'listServicesResponse', value: { service: [{ name: 'legacy.LegacyService' }] } }
          : r.case === 'fileContainingSymbol'
            ? {
                case: 'fileDescriptorResponse',
                value: { fileDescriptorProto: [toBinary(FileDescriptorProtoSchema, legacy)] },
              }
            : r.case === 'allExtensionNumbersOfType'
              ? {
                  case: 'allExtensionNumbersResponse',
                  value: { baseTypeName: r.value, extensionNumber: [100, 101, 110, 150] },
                }
              : { case: 'errorResponse', value: { errorCode: 13, errorMessage: 'extension 150 has no file' } };
      call.write(Buffer.from(toBinary(resDesc, create(resDesc, { messageResponse }))));
    });
    const address = await start((s) => s.addService(server.definition, server.handler));
    const result = await reflectSchema(clientFor(address));
    expect(result.files.map((f) => f.name)).toEqual(['legacy/legacy.proto']);
    expect(result.warnings).toEqual([
      'The server listed extension 150 of legacy.Order but could not describe it: extension 150 has no file',
    ]);
    expect(asked).toEqual([
      'listServices "*"',
      'fileContainingSymbol "legacy.LegacyService"',
      'allExtensionNumbersOfType "legacy.Order"',
      'fileContainingExtension {"containingType":"legacy.Order","extensionNumber":150}',
    ]);
  });

  it('gives up at the deadline when the server never answers', async () => {
    const silent = reflectionService('v1', () => {});
    const address = await start((s) => s.addService(silent.definition, silent.handler));
    // The server never answers: only the deadline can end this (the message names it).
    const err = await failure(reflectSchema(clientFor(address), { deadlineMs: 300 }));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toBe('Server reflection (v1) did not finish before the deadline.');
  });

  it('sends the caller metadata (auth) with the reflection stream', async () => {
    let seen: string | undefined;
    const alpha = faithfulV1alphaServer(protocFiles);
    const wrapped = (call: grpc.ServerDuplexStream<Buffer, Buffer>) => {
      seen = String(call.metadata.get('authorization')[0]);
      (alpha.handler.ServerReflectionInfo as (c: typeof call) => void)(call);
    };
    const address = await start((s) => s.addService(alpha.definition, { ServerReflectionInfo: wrapped }));
    const md = new grpc.Metadata();
    md.set('authorization', 'Bearer t0ken');
    await reflectSchema(clientFor(address), { metadata: md });
    expect(seen).toBe('Bearer t0ken');
  });
});

describe('loadSchema', () => {
  it('caches reflection per target, serves the cache with its age, and refreshes on demand', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'loupe-cache-'));
    const source = { reflection: true, protoFiles: [], importPaths: [], protosets: [] };
    const first = await loadSchema(source, { client: clientFor(v1alphaAddress), cacheDir, cacheKey: 'shop:443' });
    expect(first.fromCache).toBe(false);
    expect(first.summary().sources).toEqual(['reflection v1alpha']);

    // A client that cannot reach anything still shows services at once from the cache.
    const offline = clientFor('127.0.0.1:1');
    const second = await loadSchema(source, { client: offline, cacheDir, cacheKey: 'shop:443' });
    expect(second.summary()).toMatchObject({
      fromCache: true,
      loadedAt: first.loadedAt,
      fileCount: first.files.length,
    });
    expect(second.services().map((s) => s.fullName)).toEqual(first.services().map((s) => s.fullName));
    // The cache keeps the server's own bytes of each file: the same descriptors come back.
    const encoded = (files: FileDescriptorProto[]) => files.map((f) => toBinary(FileDescriptorProtoSchema, f));
    expect(encoded(second.files)).toEqual(encoded(first.files));

    const refreshed = await failure(
      loadSchema(source, { client: offline, cacheDir, cacheKey: 'shop:443', refresh: true, deadlineMs: 3000 }),
    );
    expect(refreshed.code).toBe('UNAVAILABLE');
    const other = await failure(
      loadSchema(source, { client: offline, cacheDir, cacheKey: 'other:443', deadlineMs: 3000 }),
    );
    expect(other.code).toBe('UNAVAILABLE');
  });

  it('combines reflection with local protos for types the server lacks', async () => {
    const combined = await loadSchema(
      { reflection: true, protoFiles: ['kitchen/sink.proto'], importPaths: [PROTOS], protosets: [] },
      { client: clientFor(v1alphaAddress), baseDir: TESTDATA },
    );
    expect(combined.summary().sources).toEqual(['protos (1 file)', 'reflection v1alpha']);
    expect(combined.services().map((s) => s.fullName)).toEqual([
      'kitchen.SinkService',
      'legacy.LegacyService',
      'shop.v1.ShopService',
    ]);
    // The Any in a kitchen.Sink can now carry a type only the server's files define.
    const sink = combined.message('kitchen.Sink');
    const bytes = combined.messageFromJson(sink, '{"wAny": {"@type": "type.googleapis.com/legacy.Order", "id": "o"}}');
    expect(JSON.parse(combined.messageToJson(sink, bytes))).toEqual({
      wAny: { '@type': 'type.googleapis.com/legacy.Order', id: 'o' },
    });
  });

  it('prefers a local file over a differing reflected copy, and refuses conflicting local files', async () => {
    const changed = protocFiles.map((f) => {
      if (f.name !== 'shop/v1/types.proto') return f;
      const copy = clone(FileDescriptorProtoSchema, f);
      copy.enumType[0]!.value.splice(1);
      return copy;
    });
    const alpha = faithfulV1alphaServer(changed);
    const address = await start((s) => s.addService(alpha.definition, alpha.handler));
    const reg = await loadSchema(
      { reflection: true, protoFiles: ['shop/v1/types.proto'], importPaths: [PROTOS], protosets: [] },
      { client: clientFor(address), baseDir: TESTDATA },
    );
    expect(reg.registry.getEnum('shop.v1.Category')?.values.map((v) => v.name)).toEqual([
      'CATEGORY_UNSPECIFIED',
      'BOOKS',
      'GAMES',
    ]);
    expect(reg.warnings).toEqual([
      '"shop/v1/types.proto" differs between protos (1 file) and the server (reflection v1alpha); using protos (1 file).',
    ]);

    const protoset = join(mkdtempSync(join(tmpdir(), 'loupe-merge-')), 'changed.pb');
    writeFileSync(protoset, toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: changed })));
    const conflict = await failure(
      loadSchema(
        { reflection: false, protoFiles: ['shop/v1/types.proto'], importPaths: [PROTOS], protosets: [protoset] },
        { baseDir: TESTDATA },
      ),
    );
    expect(conflict.code).toBe('SCHEMA');
    expect(conflict.message).toBe(
      `"shop/v1/types.proto" differs between protos (1 file) and protoset ${protoset}. Use one of them, or make them agree.`,
    );
  });

  it('needs at least one source, and a client for reflection', async () => {
    expect(
      (await failure(loadSchema({ reflection: false, protoFiles: [], importPaths: [], protosets: [] }))).message,
    ).toBe('No schema source: turn on server reflection, or add .proto files or protosets.');
    expect(
      (await failure(loadSchema({ reflection: true, protoFiles: [], importPaths: [], protosets: [] }))).message,
    ).toBe('Server reflection needs a connection to the target, and none was given.');
  });
});
