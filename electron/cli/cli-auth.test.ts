import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTokenCheckingServer, type TokenCheckingServer } from '../core/auth/test-support/token-checking-server';
import { cli } from './test-support/test-io';

/* `loupe call --auth`: the same settings as a workspace target's auth, {{name}} from LOUPE_SECRET_<NAME>. */

const SECRET = 'cli-hmac-secret-0123456789abcdef';
let api: TokenCheckingServer;
const savedEnv = { ...process.env };

beforeAll(async () => {
  api = await startTokenCheckingServer({ key: new TextEncoder().encode(SECRET), audience: 'demo' });
});
afterAll(async () => {
  process.env = savedEnv;
  await api.stop();
});

const AUTH = JSON.stringify({ type: 'jwt', secret: '{{jwt_secret}}', audience: 'demo', subject: 'ci' });

describe('loupe call --auth', () => {
  it('signs a JWT with the secret from the environment; reflection and the call carry it', async () => {
    process.env.LOUPE_SECRET_JWT_SECRET = SECRET;
    const run = await cli([
      'call',
      '--plaintext',
      '-v',
      '--auth',
      AUTH,
      '-d',
      '{"message":"hi"}',
      api.address,
      'loupe.demo.v1.Demo/Echo',
    ]);
    expect(run.stderr).toMatch(/^Auth: JWT \(signed locally\), token expires \d{4}-\d\d-\d\dT[\d:]+Z$/m);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ message: 'hi' });
    expect(run.stderr + run.stdout).not.toContain(SECRET);
  });

  it('without the secret, says which variable to set', async () => {
    delete process.env.LOUPE_SECRET_JWT_SECRET;
    const run = await cli(['list', '--plaintext', '--auth', AUTH, api.address]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--auth: auth.secret uses {{jwt_secret}}: set LOUPE_SECRET_JWT_SECRET');
  });

  it('a settings file with a mistake names the file, the line and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-cli-auth-'));
    const file = join(dir, 'auth.json');
    writeFileSync(file, '{\n  "type": "oauth2",\n  "clientId": "x",\n}\n');
    const broken = await cli(['list', '--plaintext', '--auth', `@${file}`, api.address]);
    expect(broken.stderr).toContain(`${file}:4:1: invalid JSON`);
    writeFileSync(file, '{"type": "oauth2", "clientId": "x"}');
    const incomplete = await cli(['list', '--plaintext', '--auth', `@${file}`, api.address]);
    expect(incomplete.stderr).toContain(`${file}: tokenUrl: the token URL is required when no issuer is given`);
  });
});
