import { describe, expect, it } from 'vitest';
import { AppError } from '../model/errors';
import type { SavedRequest } from '../model/workspace';
import { bodyToText, textToStoredBody } from './json-file';
import { locateJsonError } from './json-locate';
import {
  parseEnvironmentFile,
  parseSavedRequest,
  parseWorkspaceFile,
  serializeEnvironmentFile,
  serializeSavedRequest,
  serializeWorkspaceFile,
} from './format';

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

const request: SavedRequest = {
  version: 1,
  target: {
    address: 'localhost:50051',
    tls: { enabled: false },
    schema: { reflection: false, protoFiles: ['protos/a.proto'] },
  },
  method: 'loupe.demo.v1.Demo/Echo',
  deadlineMs: 5000,
  metadata: [
    { name: 'authorization', value: 'Bearer {{token}}' },
    { name: 'x-off', value: '1', enabled: false },
  ],
  body: { message: 'hi' },
  options: { emitDefaults: true },
};

describe('workspace file format', () => {
  it('round-trips a saved request byte for byte, with 2-space JSON and a trailing newline', () => {
    const text = serializeSavedRequest(request);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "target": {\n    "address": "localhost:50051"');
    const loaded = parseSavedRequest(text, 'requests/a.json');
    expect(loaded).toEqual(request);
    expect(serializeSavedRequest(loaded)).toBe(text);
  });

  it('writes keys in a fixed order whatever order the object had', () => {
    const shuffled = {
      options: request.options,
      body: request.body,
      method: request.method,
      target: request.target,
      version: 1,
    } as SavedRequest;
    expect(Object.keys(JSON.parse(serializeSavedRequest(shuffled)))).toEqual([
      'version',
      'target',
      'method',
      'body',
      'options',
    ]);
  });

  it('keeps fields a newer version added, at every level, through load -> save', () => {
    const newer = {
      version: 1,
      futureTopLevel: { keep: true },
      target: { address: 'h:1', futureTargetField: 'x' },
      method: 'a.B/C',
      metadata: [{ name: 'a', value: 'b', futureRowField: 3 }],
      options: { emitDefaults: false, futureOption: 'y' },
    };
    const saved = serializeSavedRequest(parseSavedRequest(JSON.stringify(newer), 'r.json'));
    expect(JSON.parse(saved)).toEqual(newer);
    const ws = { version: 1, targets: { local: { address: 'h:1', later: 1 } }, futureSetting: [1, 2] };
    expect(JSON.parse(serializeWorkspaceFile(parseWorkspaceFile(JSON.stringify(ws), 'w.json')))).toEqual(ws);
    const env = { version: 1, variables: [{ name: 'host', value: 'h', note: 'kept' }], futureEnv: {} };
    expect(JSON.parse(serializeEnvironmentFile(parseEnvironmentFile(JSON.stringify(env), 'e.json')))).toEqual(env);
  });

  it('refuses a file from a newer major version, naming the file and field', () => {
    const err = thrown(() => parseSavedRequest('{"version":2,"target":"x","method":"a.B/C"}', 'requests/new.json'));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/^requests\/new\.json: version: was written by a newer Loupe/);
  });

  it('reports a JSON syntax error with the file, line and column', () => {
    const err = thrown(() => parseSavedRequest('{\n  "version": 1,\n  "method": oops\n}\n', 'requests/bad.json'));
    expect(err.message).toMatch(/^requests\/bad\.json:3:13: invalid JSON/);
    expect(err.locations).toEqual([{ file: 'requests/bad.json', line: 3, column: 13 }]);
  });

  it('says a deeply nested file is unterminated or too deep, never "Maximum call stack size exceeded"', () => {
    const open = thrown(() => parseSavedRequest('{"version":1,"body":' + '['.repeat(200_000), 'requests/deep.json'));
    expect(open.message).toBe('requests/deep.json:1:1020: invalid JSON: nested deeper than 1000 levels');
    const prefix = '{"version":1,"target":"t","method":"a.B/C","body":';
    const closed = prefix + '['.repeat(5000) + ']'.repeat(5000) + '}';
    expect(thrown(() => parseSavedRequest(closed, 'requests/deep.json')).message).toBe(
      `requests/deep.json:1:${prefix.length + 1000}: invalid JSON: nested deeper than 1000 levels`,
    );
    // The locator itself keeps its own stack: any depth, no overflow.
    expect(locateJsonError('{"a":' + '[{"b":'.repeat(300_000))).toEqual({
      offset: 5 + 6 * 300_000,
      reason: 'expected a value, the text ends too early',
    });
    expect(locateJsonError('[{"a":[1,{"b":[]},"x"]},2]')).toBeUndefined();
    expect(locateJsonError('[{"a":[1,{"b":[]} "x"]},2]')).toEqual({
      offset: 18,
      reason: `expected ',' or ']', unexpected "\\""`,
    });
    // Within the limit, an unterminated file is located by the (non-recursive) locator.
    const shallow = thrown(() => parseSavedRequest('{"version":1,"body":' + '['.repeat(900), 'requests/open.json'));
    expect(shallow.message).toBe(
      `requests/open.json:1:${21 + 900}: invalid JSON: expected a value, the text ends too early`,
    );
  });

  it('reads a file that starts with a UTF-8 byte order mark', () => {
    expect(parseSavedRequest('\uFEFF{"version":1,"target":"t","method":"a.B/C"}', 'r.json')).toMatchObject({
      method: 'a.B/C',
    });
  });

  it('reports a schema error with the field path', () => {
    const err = thrown(() =>
      parseSavedRequest(
        '{"version":1,"target":{"address":"h:1"},"method":"a.B/C","metadata":[{"value":"x"}]}',
        'r.json',
      ),
    );
    expect(err.message).toMatch(/^r\.json: metadata\[0\]\.name: /);
    const target = thrown(() => parseSavedRequest('{"version":1,"target":{"address":""},"method":"a.B/C"}', 'r.json'));
    expect(target.message).toMatch(/target\.address: address is required/);
  });

  it('refuses a secret that carries its value into the workspace', () => {
    const err = thrown(() =>
      parseEnvironmentFile(
        '{"version":1,"variables":[{"name":"token","secret":true,"value":"s3cret"}]}',
        'environments/dev.json',
      ),
    );
    expect(err.message).toMatch(/variables\[0\]\.value: secret 'token' may not have a value/);
  });

  it('keeps 64-bit literals typed without quotes in a hand-edited file exact, as text of the message', () => {
    const text = `{
  "version": 1,
  "target": "local",
  "method": "a.B/C",
  "deadlineMs": 1000,
  "body": {"fixed": 9007199254740993, "points": [{"x": -9223372036854775808}], "note": "small 1 stays"},
  "messages": [{"u": 18446744073709551615}, {"plain": 1}]
}`;
    const request = parseSavedRequest(text, 'requests/big.json');
    expect(request.body).toBe(
      '{\n  "fixed": 9007199254740993,\n  "points": [\n    {\n      "x": -9223372036854775808\n    }\n  ],\n  "note": "small 1 stays"\n}',
    );
    expect(request.messages).toEqual(['{\n  "u": 18446744073709551615\n}', { plain: 1 }]);
    expect(request.deadlineMs).toBe(1000);
    // Saved again, the exact texts stay (as strings) and nothing is rounded.
    expect(serializeSavedRequest(request)).toContain('9007199254740993');
    expect(serializeSavedRequest(request)).toContain('18446744073709551615');
  });

  it('stores a body as JSON when lossless, else as the exact text', () => {
    const pretty = JSON.stringify({ a: 1, b: [1, 2] }, null, 2);
    expect(textToStoredBody(pretty)).toEqual({ a: 1, b: [1, 2] });
    for (const text of ['{"a":1}', '{\n  "id": 9007199254740993\n}', '{"n": {{count}}}', 'not json']) {
      expect(textToStoredBody(text)).toBe(text);
      expect(bodyToText(textToStoredBody(text))).toBe(text);
    }
    expect(bodyToText(textToStoredBody(pretty))).toBe(pretty);
  });
});
