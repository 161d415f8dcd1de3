import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetSettingsSchema, type TargetSettingsInput } from '../../../shared/model/target';
import { toBufCurlCommand } from '../../../shared/workspace/buf-curl';
import { splitShellWords } from '../../../shared/workspace/shell';
import { resolveBufBinary } from '../schema/buf-binary';
import { startDemoWebServer, type DemoWebServer } from './web-server';

/* The demo's web server checked by another implementation: buf curl (Connect's Go client, shipped
 * with @bufbuild/buf) runs the commands Loupe copies, over each protocol, reflection included. */

const run = promisify(execFile);
let server: DemoWebServer;

beforeAll(async () => {
  server = await startDemoWebServer();
});
afterAll(() => server.stop());

async function bufCurl(target: TargetSettingsInput, method: string, messages: string[]) {
  const command = toBufCurlCommand({
    target: TargetSettingsSchema.parse(target),
    method,
    messages,
    metadata: [{ name: 'x-from', value: 'buf' }],
    emitDefaults: false,
  });
  const [, , ...args] = splitShellWords(command);
  return run(resolveBufBinary(), ['curl', ...args], { timeout: 30_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('the demo over every protocol, as buf curl sees it', () => {
  it.each([
    ['connect', '2'],
    ['connect', '1.1'],
    ['grpc-web', '2'],
    ['grpc-web', '1.1'],
    ['grpc', '2'],
  ] as const)('%s over HTTP/%s: Echo by reflection', async (protocol, httpVersion) => {
    const schema =
      httpVersion === '1.1'
        ? { reflection: false, protoFiles: ['electron/core/demo/proto/loupe/demo/v1/demo.proto'] }
        : undefined;
    const r = await bufCurl(
      { address: server.address, protocol, httpVersion, ...(schema ? { schema } : {}) },
      'loupe.demo.v1.Demo/Echo',
      ['{"message":"hi"}'],
    );
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ message: 'hi', metadataCount: 1 });
  });

  it('a failure with details, and a bidi stream over HTTP/2', async () => {
    const fail = await bufCurl({ address: server.address, protocol: 'grpc-web' }, 'loupe.demo.v1.Demo/Echo', [
      '{"fail":{"code":5,"message":"nope","withDetails":true}}',
    ]);
    expect(fail.code).not.toBe(0);
    expect(fail.stderr).toContain('not_found');
    expect(fail.stderr).toContain('google.rpc.ErrorInfo');
    const chat = await bufCurl({ address: server.address, protocol: 'connect' }, 'loupe.demo.v1.Demo/Chat', [
      '{"text":"a"}',
      '{"text":"bye"}',
    ]);
    expect(chat.stdout).toContain('you said: a');
    expect(chat.stdout).toContain('bye!');
  });
});
