import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fromBinary, toJson } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from './load-rules';
import { startMockServer, type MockServer } from './mock-server';
import { demoSchema, rulesDir } from './test-support/mock-fixture';

/* A client in another language: Python's grpcio calls the mock for all four kinds. */

const schema = demoSchema();
/** The first Python with grpcio: a version manager's python3 may come first on PATH without it (Debian's has it). */
const python = ['python3', '/usr/bin/python3'].find((exe) => {
  try {
    execFileSync(exe, ['-c', 'import grpc'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
const hasGrpcio = python !== undefined;
if (!hasGrpcio) console.warn('mock-python.test.ts skipped: python3 with grpcio (import grpc) is not installed here');

let server: MockServer;
beforeAll(async () => {
  const rules = await loadRules(
    rulesDir({
      'echo.json': {
        method: 'loupe.demo.v1.Demo/Echo',
        rules: [
          { when: { request: { message: 'fail' } }, status: { code: 'UNAUTHENTICATED', message: 'who are you' } },
          { body: { message: 'hi {{request.message}}' } },
        ],
      },
      'ticker.json': {
        method: 'loupe.demo.v1.Demo/Ticker',
        rules: [{ generate: { count: 3, body: { seq: '{{index}}' } } }],
      },
      'sum.json': {
        method: 'loupe.demo.v1.Demo/Sum',
        rules: [{ body: { total: '{{request.value}}', count: '{{count}}' } }],
      },
      'chat.json': {
        method: 'loupe.demo.v1.Demo/Chat',
        rules: [{ reply: { user: 'bot', text: '{{request.text}}!' } }],
      },
    }),
    schema,
  );
  expect(rules.problems).toEqual([]);
  server = await startMockServer({ schema, rules: rules.byPath });
});
afterAll(() => server?.stop());

const decode = (type: string, hex: string) => {
  const desc = schema.message(type);
  return toJson(desc, fromBinary(desc, Buffer.from(hex, 'hex')));
};

describe.skipIf(!hasGrpcio)('Python grpcio against the mock', () => {
  it('unary, server stream, client stream, bidi and an error status', async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(python!, [join(__dirname, 'testdata/python_client.py'), server.address], (err, out, errOut) =>
        err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out),
      ),
    );
    const got = JSON.parse(stdout) as {
      unary: string;
      server: string[];
      client: string;
      bidi: string[];
      error: unknown;
    };
    expect(decode('loupe.demo.v1.EchoResponse', got.unary)).toEqual({ message: 'hi py' });
    expect(got.server.map((h) => decode('loupe.demo.v1.Tick', h))).toEqual([{}, { seq: '1' }, { seq: '2' }]);
    expect(decode('loupe.demo.v1.SumResponse', got.client)).toEqual({ total: '2', count: 2 });
    expect(got.bidi.map((h) => decode('loupe.demo.v1.ChatMessage', h))).toEqual([
      { user: 'bot', text: 'a!' },
      { user: 'bot', text: 'b!' },
    ]);
    expect(got.error).toEqual({ code: 'UNAUTHENTICATED', details: 'who are you' });
  });
});
