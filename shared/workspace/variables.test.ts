import { describe, expect, it } from 'vitest';
import { AppError } from '../model/errors';
import type { SavedRequest } from '../model/workspace';
import { resolveSavedRequest } from './resolve-request';
import { referencedVariables, resolveVariables, substitute } from './variables';

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('variables', () => {
  it('substitutes {{name}}, with or without spaces', () => {
    expect(substitute('{{host}}:{{ port }}', { host: 'h', port: '1' }, 'the address')).toBe('h:1');
  });

  it('resolves nested variables', () => {
    const vars = resolveVariables({
      values: { base: 'api.{{domain}}', domain: '{{tld}}.example', tld: 'dev', url: 'https://{{base}}/' },
    });
    expect(vars.url).toBe('https://api.dev.example/');
  });

  it('names the missing variable and the field it was used in', () => {
    const err = thrown(() =>
      substitute('Bearer {{token}}', {}, "metadata 'authorization'", { environment: 'dev', values: {} }),
    );
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe("Variable 'token' used in metadata 'authorization' is not defined in environment 'dev'");
    const nested = thrown(() => resolveVariables({ environment: 'dev', values: { a: '{{nope}}' } }));
    expect(nested.message).toBe("Variable 'nope' used in variable 'a' is not defined in environment 'dev'");
  });

  it('detects a cycle and shows it', () => {
    expect(thrown(() => resolveVariables({ values: { a: '{{b}}', b: '{{c}}', c: '{{a}}' } })).message).toMatch(
      /cycle: a -> b -> c -> a$/,
    );
    expect(thrown(() => resolveVariables({ values: { self: 'x{{self}}' } })).message).toMatch(/cycle: self -> self$/);
  });

  it('lists referenced names once', () => {
    expect(referencedVariables('{{a}} {{b}} {{ a }}')).toEqual(['a', 'b']);
  });
});

describe('resolveSavedRequest', () => {
  const workspace = { targets: { local: { address: '{{host}}:{{port}}', tls: { enabled: false } } } };
  const scope = { environment: 'dev', values: { host: '127.0.0.1', port: '50051', who: 'world', token: 't0k' } };

  it('applies the environment to address, metadata and body, and fills target defaults', () => {
    const request: SavedRequest = {
      version: 1,
      target: 'local',
      method: 'loupe.demo.v1.Demo/Echo',
      body: '{"message": "hello {{who}}"}',
      metadata: [
        { name: 'authorization', value: 'Bearer {{token}}' },
        { name: 'x-skip', value: '{{missing}}', enabled: false },
      ],
    };
    const resolved = resolveSavedRequest(request, workspace, scope, 'greet');
    expect(resolved.target.address).toBe('127.0.0.1:50051');
    expect(resolved.target.schema.reflection).toBe(true);
    expect(resolved.messages).toEqual(['{"message": "hello world"}']);
    expect(resolved.metadata).toEqual([{ name: 'authorization', value: 'Bearer t0k' }]);
  });

  it('says which request and field use a missing variable', () => {
    const request: SavedRequest = {
      version: 1,
      target: 'local',
      method: 'a.B/C',
      messages: [{ a: 1 }, '{"b": "{{nope}}"}'],
    };
    expect(thrown(() => resolveSavedRequest(request, workspace, scope, 'stream/chat')).message).toBe(
      "Variable 'nope' used in message 2 of stream/chat is not defined in environment 'dev'",
    );
  });

  it('refuses an unknown named target', () => {
    const err = thrown(() =>
      resolveSavedRequest({ version: 1, target: 'prod', method: 'a.B/C' }, workspace, scope, 'x'),
    );
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toMatch(/no target named 'prod'/);
  });
});

describe('a secret without a value', () => {
  it('says which process variable or the editor would supply it', () => {
    const scope = { environment: 'local', values: {}, unsetSecrets: { token: { envVar: 'LOUPE_SECRET_TOKEN' } } };
    expect(() => substitute('Bearer {{token}}', resolveVariables(scope), "metadata 'authorization'", scope)).toThrow(
      "Secret variable 'token' used in metadata 'authorization' has no value in environment 'local': set LOUPE_SECRET_TOKEN, or store it in the environment editor",
    );
  });

  it('says so when the process variable is set but empty', () => {
    const scope = {
      environment: 'ci',
      values: {},
      unsetSecrets: { token: { envVar: 'LOUPE_SECRET_TOKEN', emptyInProcessEnv: true } },
    };
    expect(() => substitute('{{token}}', resolveVariables(scope), 'the body', scope)).toThrow(
      "Secret variable 'token' used in the body has no value in environment 'ci': LOUPE_SECRET_TOKEN is set but empty, which counts as not set",
    );
  });
});
