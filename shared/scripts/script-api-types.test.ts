import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SCRIPT_API_TYPES } from './script-api-types';

/** Type-checks a script (JavaScript, checkJs) against the API declarations, as the editor does. */
function check(script: string): string[] {
  const files: Record<string, string> = { '/loupe-scripts.d.ts': SCRIPT_API_TYPES, '/script.js': script };
  const options: ts.CompilerOptions = {
    allowJs: true,
    checkJs: true,
    noEmit: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) =>
    files[name] !== undefined ? ts.createSourceFile(name, files[name], version) : read(name, version);
  host.fileExists = (name) => files[name] !== undefined || ts.sys.fileExists(name);
  host.readFile = (name) => files[name] ?? ts.sys.readFile(name);
  const program = ts.createProgram(Object.keys(files), options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('the script API declarations', () => {
  it('type-check the examples README shows', () => {
    expect(
      check(`
        beforeCall(async (request) => {
          if (!env.get('token')) {
            const login = await call('acme.auth.v1.Auth/Login', { user: env.get('user') }, { deadlineMs: 5000 });
            if (!login.ok) throw new Error('login failed: ' + login.status.message);
            env.set('token', login.message.accessToken, { secret: true });
          }
          request.metadata.set('authorization', 'Bearer {{token}}');
          request.body.requestId = 'r-1';
        });
        beforeSend((message, { index }) => (message.text === 'skip' ? false : { ...message, index }));
        onMessage((message, { index }) => {
          test('ticks arrive in order', () => expect(message.seq).to.equal(String(index + 1)));
        });
        afterCall((response) => {
          test('status is OK', () => expect(response.status.name).to.equal('OK'));
          test('has an id', () => assert.isString(response.message.id));
          snapshot('order', response.message, { ignore: ['createdAt', 'items.*.id'] });
          env.set('orderId', response.message.id);
          log('order', response.message.id, response.headers.get('x-request-id'), response.timings.durationMs);
        });
      `),
    ).toEqual([]);
  });

  it('catch a misuse, so the editor underlines it', () => {
    expect(check(`afterCall((response) => { response.status.code.toUpperCase(); env.set(); });`)).toEqual([
      "/script.js: Property 'toUpperCase' does not exist on type 'number'.",
      '/script.js: Expected 2-3 arguments, but got 0.',
    ]);
  });
});
