import * as grpc from '@grpc/grpc-js';
import { create, toBinary } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reflectionService, reflectionTypes } from '../core/schema/testdata/fake-reflection';
import { AUDIT_ENTRY_DESCRIBED, startGoServer, type GoServer } from '../core/schema/testdata/go-server';
import { cli } from './test-support/test-io';

/* `loupe list`, `describe` and `call` against servers in other languages, as grpcurl sees them. */

let go: GoServer;
let broken: grpc.Server;
let brokenAddress: string;

/** Lists two services and describes neither: one answer is an error, the other holds no file. */
function undescribableServices() {
  const resDesc = reflectionTypes.getMessage('grpc.reflection.v1.ServerReflectionResponse')!;
  return reflectionService('v1', (req, call) => {
    const r = req.messageRequest as { case: string; value: string };
    const messageResponse =
      r.case === 'listServices'
        ? {
            case: 'listServicesResponse',
            value: { service: [{ name: 'broken.v1.Orders' }, { name: 'empty.v1.Stock' }] },
          }
        : r.case === 'fileContainingSymbol' && r.value === 'empty.v1.Stock'
          ? { case: 'fileDescriptorResponse', value: { fileDescriptorProto: [] } }
          : {
              case: 'errorResponse',
              value: { errorCode: 13, errorMessage: `descriptor of ${r.value} failed to load` },
            };
    call.write(Buffer.from(toBinary(resDesc, create(resDesc, { originalRequest: req, messageResponse }))));
  });
}

beforeAll(async () => {
  broken = new grpc.Server();
  const fake = undescribableServices();
  broken.addService(fake.definition, fake.handler);
  const port = await new Promise<number>((resolve, reject) =>
    broken.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  brokenAddress = `127.0.0.1:${port}`;
  go = await startGoServer();
}, 11 * 60_000);
afterAll(async () => {
  broken?.forceShutdown();
  await go?.stop();
});

describe('loupe against a grpc-go server (v1alpha reflection, proto2 extensions)', () => {
  it('list prints every service the server reports, as grpcurl does', async () => {
    const r = await cli(['list', '--plaintext', go.address]);
    expect(r).toEqual({
      code: 0,
      stdout: 'grpc.reflection.v1alpha.ServerReflection\nloupe.catalog.Catalog\n',
      stderr: '',
    });
  });

  it('describe asks the server for a message no method references, and shows its extensions', async () => {
    const r = await cli(['describe', '--plaintext', go.address, 'loupe.audit.Entry']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(AUDIT_ENTRY_DESCRIBED);
  });

  it('describe of a symbol the server does not know says so, exit 1', async () => {
    const r = await cli(['describe', '--plaintext', go.address, 'loupe.audit.Nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^loupe: No symbol "loupe.audit.Nope" in the loaded schema; the server's reflection does not know it either: unknown symbol: loupe.audit.Nope\.( Did you mean .*)?\n$/,
    );
  });

  it('call prints extension fields of the response as [pkg.ext]', async () => {
    const r = await cli(['call', '--plaintext', go.address, 'loupe.catalog.Catalog/GetItem', '-d', '{"id":"a-1"}']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      id: 'a-1',
      name: 'Teapot',
      '[loupe.extras.priority]': 7,
      '[loupe.extras.label]': { text: 'fragile' },
    });
  });
});

describe('loupe list when reflection cannot describe what it listed', () => {
  it('prints what the server listed, says why each could not be described, exit 1', async () => {
    const r = await cli(['list', '--plaintext', brokenAddress]);
    expect(r.stdout).toBe('broken.v1.Orders\nempty.v1.Stock\n');
    expect(r.stderr).toBe(
      [
        'loupe: warning: The server listed broken.v1.Orders but could not describe it: descriptor of broken.v1.Orders failed to load',
        'loupe: warning: The server listed empty.v1.Stock but could not describe it: it answered with no file',
        'loupe: 2 of the 2 services the server listed cannot be described, so their methods cannot be listed or called.',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(1);
  });

  it("the methods of such a service: the server's reason, exit 1", async () => {
    const r = await cli(['list', '--plaintext', brokenAddress, 'broken.v1.Orders']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^loupe: warning: The server listed broken.v1.Orders but could not describe it: descriptor of broken.v1.Orders failed to load\n/,
    );
    expect(r.stderr).toMatch(
      /\nloupe: The server listed broken.v1.Orders but its reflection could not describe it\.\n$/,
    );
    expect(r.code).toBe(1);
  });
});
