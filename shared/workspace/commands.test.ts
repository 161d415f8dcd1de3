import { describe, expect, it } from 'vitest';
import { AppError } from '../model/errors';
import { TargetSettingsSchema } from '../model/target';
import type { ResolvedRequest } from '../model/workspace';
import { exportCollection, importCollection } from './collection';
import { parseGrpcurlCommand, toGrpcurlCommand, toLoupeCommand } from './commands';
import { resolveSavedRequest, resolveTemplate } from './resolve-request';
import { shellQuote, splitShellWords } from './shell';

const request: ResolvedRequest = {
  target: TargetSettingsSchema.parse({
    address: 'localhost:50051',
    tls: { enabled: true, caPath: '/certs/ca.pem' },
    authority: 'api.test',
  }),
  method: 'loupe.demo.v1.Demo/Echo',
  messages: [`{"message":"it's a test"}`],
  metadata: [{ name: 'authorization', value: 'Bearer abc' }],
  deadlineMs: 2500,
  emitDefaults: false,
};

describe('commands from a request', () => {
  it('formats grpcurl with single-dash flags and shell quoting', () => {
    expect(toGrpcurlCommand(request)).toBe(
      `grpcurl -cacert /certs/ca.pem -authority api.test -H 'authorization: Bearer abc' -max-time 2.5 -d '{"message":"it'\\''s a test"}' localhost:50051 loupe.demo.v1.Demo/Echo`,
    );
  });

  it('formats loupe call with its long flags', () => {
    const plain = {
      ...request,
      target: TargetSettingsSchema.parse({
        address: 'h:1',
        schema: { reflection: false, protoFiles: ['a b.proto'], importPaths: ['protos'] },
      }),
    };
    expect(toLoupeCommand(plain)).toBe(
      `loupe call --plaintext --import-path protos --proto 'a b.proto' -H 'authorization: Bearer abc' --max-time 2.5 -d '{"message":"it'\\''s a test"}' h:1 loupe.demo.v1.Demo/Echo`,
    );
  });

  it('round-trips through the shell words a shell would produce', () => {
    for (const word of ['', 'plain', "it's", 'a b', '$HOME', '"q"', 'back\\slash', 'new\nline']) {
      expect(splitShellWords(shellQuote(word))).toEqual([word]);
    }
  });

  it('a formatted grpcurl command parses back to the same request', () => {
    const parsed = parseGrpcurlCommand(toGrpcurlCommand(request));
    const again = resolveSavedRequest(parsed, { targets: {} }, { values: {} }, 'pasted');
    expect(again).toEqual(request);
  });

  it('loupe call carries the proxy as written: a {{variable}} password stays a variable', () => {
    const proxy = 'http://dev:{{proxyPassword}}@proxy.corp:3128';
    const target = TargetSettingsSchema.parse({ address: 'h:1', proxy });
    expect(toLoupeCommand({ ...request, target })).toContain(`--proxy 'http://dev:{{proxyPassword}}@proxy.corp:3128'`);
    const direct = TargetSettingsSchema.parse({ address: 'h:1', proxy: 'none' });
    expect(toLoupeCommand({ ...request, target: direct })).toContain('--no-proxy');
  });

  it("a template's proxy takes {{variables}}, and the environment's proxy applies to a target without one", () => {
    const template = { ...request, target: TargetSettingsSchema.parse({ address: 'h:1' }) };
    const scope = { values: { pw: 's3cret' }, proxy: 'socks5://dev:{{pw}}@proxy:1080' };
    expect(resolveTemplate(template, scope, 'r').target.proxy).toBe('socks5://dev:s3cret@proxy:1080');
    const own = { ...template, target: { ...template.target, proxy: 'none' } };
    expect(resolveTemplate(own, scope, 'r').target.proxy).toBe('none');
    expect(() => resolveTemplate(template, { values: {}, proxy: 'http://u:{{missing}}@p:1' }, 'r')).toThrow(
      "Variable 'missing' used in the proxy of r is not defined",
    );
  });
});

describe('parseGrpcurlCommand', () => {
  it('reads a typical pasted command, with line continuations and --flag=value', () => {
    const r = parseGrpcurlCommand(
      `grpcurl -plaintext \\\n  -H "x-user: ann" --max-time=3 \\\n  -d '{"a": 1}{"a": 2}' -proto demo.proto -import-path ./protos 127.0.0.1:9000 pkg.Svc/Stream`,
    );
    expect(r).toEqual({
      version: 1,
      target: {
        address: '127.0.0.1:9000',
        tls: { enabled: false, insecureSkipVerify: false },
        schema: { reflection: false, protoFiles: ['demo.proto'], importPaths: ['./protos'], protosets: [] },
      },
      method: 'pkg.Svc/Stream',
      deadlineMs: 3000,
      metadata: [{ name: 'x-user', value: 'ann' }],
      messages: ['{"a": 1}', '{"a": 2}'],
    });
  });

  it('names an unsupported flag', () => {
    expect(() => parseGrpcurlCommand('grpcurl -plaintext -format text h:1 a.B/C')).toThrow(
      /The flag '-format' is not supported/,
    );
  });

  it('explains other unusable input', () => {
    expect(() => parseGrpcurlCommand('grpcurl -plaintext h:1 list')).toThrow(AppError);
    expect(() => parseGrpcurlCommand('grpcurl -plaintext h:1')).toThrow(/Expected an address and a method/);
    expect(() => parseGrpcurlCommand('grpcurl -d @ -plaintext h:1 a.B/C')).toThrow(/stdin/);
    expect(() => parseGrpcurlCommand('grpcurl -plaintext -H "a: $TOKEN" h:1 a.B/C')).toThrow(/cannot be expanded/);
    expect(() => parseGrpcurlCommand('grpcurl -d \'{"a":1} h:1 a.B/C')).toThrow(/single quote is not closed/);
  });
});

describe('parseGrpcurlCommand: flags read as the CLI reads them', () => {
  it('refuses -reflect-header rather than dropping it: a request has no place for it', () => {
    for (const flag of [`-reflect-header 'x-a: 1'`, `--reflect-header='x-a: 1'`]) {
      expect(() => parseGrpcurlCommand(`grpcurl -plaintext ${flag} h:1 a.B/C`), flag).toThrow(
        /^The flag '--?reflect-header(=x-a: 1)?' cannot be kept: Loupe sends no headers of its own with reflection requests/,
      );
    }
  });

  it('takes -rpc-header like -H, -connect-timeout into the target, and checks the address', () => {
    const r = parseGrpcurlCommand(`grpcurl -plaintext -rpc-header 'X-A: 1' -connect-timeout 1.5 h:1 a.B/C`);
    expect(r.metadata).toEqual([{ name: 'x-a', value: '1' }]);
    expect(r.target).toMatchObject({ connectTimeoutMs: 1500 });
    expect(() => parseGrpcurlCommand('grpcurl -plaintext h:99999 a.B/C')).toThrow(/cannot be dialed/);
    expect(() => parseGrpcurlCommand('grpcurl -plaintext -insecure h:1 a.B/C')).toThrow(
      '-plaintext cannot be combined with -insecure',
    );
    expect(() => parseGrpcurlCommand('grpcurl -max-time Infinity h:1 a.B/C')).toThrow(
      "-max-time must be a positive number of seconds, got 'Infinity'",
    );
  });

  it('a connect timeout survives a copy and a paste', () => {
    const target = TargetSettingsSchema.parse({ address: 'h:1', connectTimeoutMs: 2500 });
    const command = toGrpcurlCommand({ ...request, target });
    expect(command).toContain('-connect-timeout 2.5');
    expect(resolveSavedRequest(parseGrpcurlCommand(command), { targets: {} }, { values: {} }, 'p').target).toEqual(
      target,
    );
  });
});

describe('parseGrpcurlCommand: -d', () => {
  it('splits -d as the CLI splits its request data: any JSON values, 64-bit integers as typed', () => {
    const r = parseGrpcurlCommand(`grpcurl -plaintext -d '{"id": 18446744073709551615} "x" 12' h:1 a.B/C`);
    expect(r.messages).toEqual(['{"id": 18446744073709551615}', '"x"', '12']);
  });

  it('says where -d goes wrong: which message, which line and column', () => {
    expect(() => parseGrpcurlCommand(`grpcurl -plaintext -d '{"a":1}\n{"a":' h:1 a.B/C`)).toThrow(
      'Cannot read the request data (-d): message #2 (from line 2, column 1) ends in the middle of a JSON value: {"a":',
    );
    expect(() => parseGrpcurlCommand(`grpcurl -plaintext -d '{"a":1}}' h:1 a.B/C`)).toThrow(
      "Cannot read the request data (-d): unexpected '}' at line 1, column 8 (after message #1)",
    );
  });
});

describe('collection export and import', () => {
  it('exports requests with the targets they use and imports them without overwriting', () => {
    const text = exportCollection({
      targets: { local: { address: 'h:1' }, unused: { address: 'u:1' } },
      folders: ['users'],
      requests: [
        { path: 'users/get', request: { version: 1, target: 'local', method: 'a.B/Get', body: { id: '1' } } },
        { path: 'ping', request: { version: 1, target: { address: 'p:1' }, method: 'a.B/Ping' } },
      ],
    });
    const doc = JSON.parse(text);
    expect(Object.keys(doc.targets)).toEqual(['local']);
    const imported = importCollection(text, 'shared', new Set(['shared/ping']));
    expect(imported.requests.map((r) => r.path)).toEqual(['shared/ping (2)', 'shared/users/get']);
    expect(imported.folders).toEqual(['shared/users']);
    expect(imported.requests[1]!.request).toEqual({
      version: 1,
      target: 'local',
      method: 'a.B/Get',
      body: { id: '1' },
    });
  });

  it('rejects a file that is not a collection, naming the field', () => {
    expect(() => importCollection('{"kind":"other","version":1}', '', new Set())).toThrow(/kind: /);
  });
});
