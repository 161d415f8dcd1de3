import { proxiedFetch } from '../net';
import { startConnectProxy } from '../net/test-support/proxies';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthSettingsInput } from '../../../shared/model/auth';
import { AppError } from '../../../shared/model/errors';
import { ChannelPool } from '../calls';
import { loadTargetSchema } from '../handlers/load-target-schema';
import { target } from '../test-support/call-helpers';
import { SecretMask } from '../workspace/secret-mask';
import { FileSecretStore } from '../workspace/secrets';
import { refreshTokensIn } from './token-store';
import { Authenticator } from './authenticator';
import type { AuthHost } from './oauth2-flows';
import { API_AUDIENCE, CC_CLIENT, NATIVE_CLIENT, startTestIssuer, type TestIssuer } from './test-support/oidc-issuer';
import { signInAsUser } from './test-support/sign-in-driver';
import { startTokenCheckingServer, type TokenCheckingServer } from './test-support/token-checking-server';

let issuer: TestIssuer;
let api: TokenCheckingServer;
let pool: ChannelPool;

beforeAll(async () => {
  issuer = await startTestIssuer();
  api = await startTokenCheckingServer({ issuer: issuer.url, audience: API_AUDIENCE });
  pool = new ChannelPool();
});
afterAll(async () => {
  pool.dispose();
  await api.stop();
  await issuer.close();
});

const clientCredentials = (extra: Partial<AuthSettingsInput> = {}) =>
  target({
    address: api.address,
    auth: {
      type: 'oauth2',
      flow: 'client-credentials',
      issuer: issuer.url,
      clientId: CC_CLIENT.id,
      clientSecret: CC_CLIENT.secret,
      ...extra,
    } as AuthSettingsInput,
  });

/** A user who completes every sign-in the flow opens, as a browser would. */
function userAtBrowser(): AuthHost & { opened: string[]; done: Promise<unknown>[] } {
  const opened: string[] = [];
  const done: Promise<unknown>[] = [];
  return {
    opened,
    done,
    openUrl: (url) => {
      opened.push(url);
      done.push(signInAsUser(url));
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('OAuth 2.0 client credentials', () => {
  it('gets a token from the issuer, and reflection and calls carry it', async () => {
    const mask = new SecretMask();
    const auth = new Authenticator({ mask });
    const t = clientCredentials();
    const applied = await auth.metadata(t);
    expect(applied.applied).toMatchObject({ type: 'oauth2', label: 'OAuth 2.0 (client credentials)' });
    expect(applied.applied!.expiresAt).toBeGreaterThan(Date.now());
    const token = applied.metadata[0]!.value.replace(/^Bearer /, '');
    // The token is a secret from now on: any text carrying it shows its name instead.
    expect(mask.text(`echo ${token}`)).toBe('echo {{auth.access_token}}');

    const accepted = api.accepted.length;
    const schema = await loadTargetSchema(t, pool, { auth });
    expect(schema.services().map((s) => s.name)).toContain('Demo');
    expect(api.accepted.length).toBeGreaterThan(accepted);
    expect(api.accepted.at(-1)).toBe(token);
  });

  it('parallel calls share one token request', async () => {
    const auth = new Authenticator();
    const t = clientCredentials({ scope: 'api:read' });
    const before = issuer.grants.client_credentials ?? 0;
    const all = await Promise.all(Array.from({ length: 8 }, () => auth.metadata(t)));
    expect(new Set(all.map((a) => a.metadata[0]!.value)).size).toBe(1);
    expect((issuer.grants.client_credentials ?? 0) - before).toBe(1);
  });

  it('renews the token a minute before it expires, by the clock it is given', async () => {
    let now = Date.now();
    const auth = new Authenticator({ now: () => now });
    const t = clientCredentials();
    const first = await auth.metadata(t);
    expect((await auth.metadata(t)).metadata).toEqual(first.metadata);
    now = first.applied!.expiresAt! - 59_000;
    const second = await auth.metadata(t);
    expect(second.metadata).not.toEqual(first.metadata);
  });

  it('a token the server refuses is renewed once, and the schema loads', async () => {
    const auth = new Authenticator();
    const t = clientCredentials();
    await auth.metadata(t);
    const before = issuer.grants.client_credentials ?? 0;
    api.revokeNext();
    const schema = await loadTargetSchema(t, pool, { auth });
    expect(schema.services().length).toBeGreaterThan(0);
    expect((issuer.grants.client_credentials ?? 0) - before).toBe(1);
  });

  it('without auth the server answers UNAUTHENTICATED (the check is real)', async () => {
    const err = await failure(loadTargetSchema(target({ address: api.address }), pool));
    expect(err.message).toMatch(/UNAUTHENTICATED/);
  });

  it("reaches the issuer and its token endpoint through the target's proxy", async () => {
    const proxy = await startConnectProxy({ auth: { username: 'u', password: 'p' } });
    try {
      const settings = { ...clientCredentials(), proxy: proxy.url };
      const auth = new Authenticator({ fetchFor: (t) => proxiedFetch({ target: t.proxy }) });
      const applied = await auth.metadata(settings);
      expect(applied.metadata[0]?.value).toMatch(/^Bearer /);
      // Discovery and the token request both went through it, to the issuer.
      const issuerPort = new URL(issuer.url).port;
      expect(proxy.targets.filter((t) => t.endsWith(`:${issuerPort}`)).length).toBeGreaterThanOrEqual(2);
      expect(proxy.credentialsSeen.length).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });

  it('a wrong client secret says the issuer refused the client', async () => {
    const err = await failure(new Authenticator().metadata(clientCredentials({ clientSecret: 'wrong' })));
    expect(err.message).toMatch(/^Auth: the issuer refused the client \(invalid_client/);
    expect(err.message).toMatch(/Check the client id and client secret/);
    expect(err.details).toMatchObject({ step: 'client' });
  });

  it('an unreachable token endpoint says so, with the cause', async () => {
    const closed = await closedPort();
    const err = await failure(
      new Authenticator().metadata(
        clientCredentials({ issuer: undefined, tokenUrl: `http://127.0.0.1:${closed}/token` }),
      ),
    );
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toMatch(/^Auth: the token endpoint could not be reached \(.*ECONNREFUSED/);
  });

  it('an unreachable issuer says discovery failed', async () => {
    const closed = await closedPort();
    const err = await failure(
      new Authenticator().metadata(clientCredentials({ issuer: `http://127.0.0.1:${closed}` })),
    );
    expect(err.message).toMatch(/^Auth: the issuer http:\/\/127\.0\.0\.1:\d+\/ could not be reached/);
  });

  it('refuses to send a client secret over plain http to another machine', async () => {
    const err = await failure(new Authenticator().metadata(clientCredentials({ issuer: 'http://login.example.com' })));
    expect(err.message).toMatch(/is not https/);
  });

  it('token requests go through the fetch it is given (the proxy’s)', async () => {
    const seen: string[] = [];
    const auth = new Authenticator({
      fetch: (url, init) => {
        seen.push(url);
        return fetch(url, init);
      },
    });
    await auth.metadata(clientCredentials());
    expect(seen).toContain(`${issuer.url}/token`);
  });
});

describe('OAuth 2.0 for a user', () => {
  const native = (flow: 'authorization-code' | 'device-code') =>
    target({
      address: api.address,
      auth: {
        type: 'oauth2',
        flow,
        issuer: issuer.url,
        clientId: NATIVE_CLIENT,
        scope: 'openid offline_access api:read',
      },
    });

  it('authorization code with PKCE: the browser signs in, the loopback redirect gets the code', async () => {
    const host = userAtBrowser();
    let now = Date.now();
    const auth = new Authenticator({ host, now: () => now });
    const t = native('authorization-code');
    const applied = await auth.metadata(t);
    expect(host.opened).toHaveLength(1);
    const opened = new URL(host.opened[0]!);
    expect(opened.searchParams.get('code_challenge_method')).toBe('S256');
    expect(opened.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(applied.applied).toMatchObject({ label: 'OAuth 2.0 (authorization code)' });
    expect((await loadTargetSchema(t, pool, { auth })).services().length).toBeGreaterThan(0);

    // Near expiry the refresh token gets a new access token, without another sign-in.
    const refreshes = issuer.grants.refresh_token ?? 0;
    now = applied.applied!.expiresAt! - 1000;
    const renewed = await auth.metadata(t);
    expect(renewed.metadata).not.toEqual(applied.metadata);
    expect(host.opened).toHaveLength(1);
    expect((issuer.grants.refresh_token ?? 0) - refreshes).toBe(1);
  });

  it('an expired refresh token says so and the next call signs in again', async () => {
    const host = userAtBrowser();
    let now = Date.now();
    const auth = new Authenticator({ host, now: () => now });
    const t = native('authorization-code');
    const first = await auth.metadata(t);
    await issuer.revokeRefreshTokens();
    now = first.applied!.expiresAt! - 1000;
    const err = await failure(auth.metadata(t));
    expect(err.message).toMatch(/^Auth: the refresh token has expired or was revoked \(invalid_grant/);
    expect(err.message).toMatch(/Sign in again/);
    expect(host.opened).toHaveLength(1);
    await auth.metadata(t);
    expect(host.opened).toHaveLength(2);
  });

  it('a signed-in user stays signed in across a restart: the refresh token is kept in the secret store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loupe-auth-store-'));
    const store = new FileSecretStore(join(dir, 'secrets.json'));
    const host = userAtBrowser();
    const t = native('authorization-code');
    await new Authenticator({ host, refreshTokens: refreshTokensIn(store) }).metadata(t);
    expect(host.opened).toHaveLength(1);

    const refreshes = issuer.grants.refresh_token ?? 0;
    const mask = new SecretMask();
    const restarted = new Authenticator({ host, mask, refreshTokens: refreshTokensIn(store) });
    const applied = await restarted.metadata(t);
    expect(host.opened).toHaveLength(1); // no second sign-in
    expect((issuer.grants.refresh_token ?? 0) - refreshes).toBe(1);
    expect((await loadTargetSchema(t, pool, { auth: restarted })).services().length).toBeGreaterThan(0);
    expect(applied.applied).toMatchObject({ label: 'OAuth 2.0 (authorization code)' });
    const kept = await readFile(join(dir, 'secrets.json'), 'utf8');
    expect(mask.text(kept)).toContain('{{auth.refresh_token}}');

    // A refresh token the issuer no longer honours is forgotten: the next start signs in again.
    await issuer.revokeRefreshTokens();
    const third = new Authenticator({ host, refreshTokens: refreshTokensIn(store) });
    expect((await failure(third.metadata(t))).message).toMatch(/refresh token has expired or was revoked/);
    await third.metadata(t);
    expect(host.opened).toHaveLength(2);
  });

  it('device code: the user approves on the verification page while the engine polls', async () => {
    const host = userAtBrowser();
    const auth = new Authenticator({ host });
    const applied = await auth.metadata(native('device-code'));
    expect(host.opened[0]).toMatch(/\/device\?user_code=/);
    expect(applied.applied).toMatchObject({ label: 'OAuth 2.0 (device code)' });
    const token = applied.metadata[0]!.value.replace(/^Bearer /, '');
    await loadTargetSchema(native('device-code'), pool, { auth });
    expect(api.accepted).toContain(token);
  }, 30_000);

  it('without a browser to open, the flow says it cannot run here', async () => {
    const err = await failure(new Authenticator().metadata(native('authorization-code')));
    expect(err.message).toMatch(/needs a browser sign-in/);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
