import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeJwt,
  decodeProtectedHeader,
  exportPKCS8,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthSettingsInput } from '../../../shared/model/auth';
import { AppError } from '../../../shared/model/errors';
import { ChannelPool } from '../calls';
import { loadTargetSchema } from '../handlers/load-target-schema';
import { target } from '../test-support/call-helpers';
import { Authenticator } from './authenticator';
import { startTokenCheckingServer } from './test-support/token-checking-server';

let dir: string;
let pool: ChannelPool;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loupe-jwt-'));
  pool = new ChannelPool();
});
afterAll(async () => {
  pool.dispose();
  await rm(dir, { recursive: true, force: true });
});

const withAuth = (auth: AuthSettingsInput, address = '127.0.0.1:1') => target({ address, auth });
const tokenOf = async (auth: Authenticator, t: ReturnType<typeof withAuth>) =>
  (await auth.metadata(t)).metadata[0]!.value.replace(/^Bearer /, '');

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('JWT signed locally', () => {
  it('HS256 with a secret: claims as written, a server checking the signature accepts it', async () => {
    const secret = 'a-shared-secret-of-32-bytes-long!';
    const server = await startTokenCheckingServer({ key: new TextEncoder().encode(secret), audience: 'orders' });
    try {
      const t = withAuth(
        {
          type: 'jwt',
          algorithm: 'HS256',
          secret,
          subject: 'ada',
          audience: 'orders',
          claims: { role: 'admin', n: 3 },
        },
        server.address,
      );
      const auth = new Authenticator();
      const token = await tokenOf(auth, t);
      expect(decodeJwt(token)).toMatchObject({ sub: 'ada', aud: 'orders', role: 'admin', n: 3 });
      await loadTargetSchema(t, pool, { auth });
      expect(server.accepted).toEqual([token]);
    } finally {
      await server.stop();
    }
  });

  for (const algorithm of ['RS256', 'ES256', 'EdDSA'] as const) {
    it(`${algorithm} from a PEM key file verifies with its public key`, async () => {
      const { privateKey, publicKey } = await generateKeyPair(algorithm, { extractable: true });
      const file = join(dir, `${algorithm}.pem`);
      await writeFile(file, await exportPKCS8(privateKey));
      const token = await tokenOf(
        new Authenticator(),
        withAuth({ type: 'jwt', algorithm, keyFile: file, keyId: 'k1', issuer: 'loupe' }),
      );
      expect(decodeProtectedHeader(token)).toMatchObject({ alg: algorithm, kid: 'k1' });
      const { payload } = await jwtVerify(token, publicKey, { issuer: 'loupe' });
      expect(payload.exp! - payload.iat!).toBe(300);
    });
  }

  it('is signed again shortly before it expires, by the clock it is given', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const auth = new Authenticator({ now: () => now });
    const t = withAuth({ type: 'jwt', secret: 's', expiresInSeconds: 120 });
    const first = await tokenOf(auth, t);
    now += 30_000;
    expect(await tokenOf(auth, t)).toBe(first);
    now += 31_000; // 59 s left: renewed
    const second = await tokenOf(auth, t);
    expect(second).not.toBe(first);
    expect(decodeJwt(second).iat).toBe(Math.floor(now / 1000));
  });

  it('an unreadable key file names the path and what to do', async () => {
    const missing = join(dir, 'nope.pem');
    const err = await failure(
      new Authenticator().metadata(withAuth({ type: 'jwt', algorithm: 'ES256', keyFile: missing })),
    );
    expect(err.message).toContain(`the JWT private key could not be read at ${missing}: no such file.`);
    expect(err.message).toMatch(/Fix the key file path/);
  });

  it('a key of the wrong kind says which file and which algorithm', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const file = join(dir, 'ec.pem');
    await writeFile(file, await exportPKCS8(privateKey));
    const err = await failure(
      new Authenticator().metadata(withAuth({ type: 'jwt', algorithm: 'RS256', keyFile: file })),
    );
    expect(err.message).toContain(`the key in ${file} cannot sign RS256`);
  });
});

describe('Google service account', () => {
  let keyFile: string;
  let publicKey: CryptoKey;
  let tokenEndpoint: Server;
  let tokenUri: string;
  const assertions: string[] = [];

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    publicKey = pair.publicKey;
    // A stand-in for oauth2.googleapis.com/token: checks the assertion, answers a token.
    tokenEndpoint = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const assertion = form.get('assertion') ?? '';
        assertions.push(assertion);
        void jwtVerify(assertion, publicKey, { audience: tokenUri }).then(
          async () => {
            const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32));
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3599 }));
          },
          () => {
            res.writeHead(400, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }));
          },
        );
      });
    });
    await new Promise<void>((resolve) => tokenEndpoint.listen(0, '127.0.0.1', resolve));
    tokenUri = `http://127.0.0.1:${(tokenEndpoint.address() as { port: number }).port}/token`;
    keyFile = join(dir, 'sa.json');
    await writeFile(
      keyFile,
      JSON.stringify({
        type: 'service_account',
        client_email: 'loupe@project.iam.gserviceaccount.com',
        private_key_id: 'abc123',
        private_key: await exportPKCS8(pair.privateKey),
        token_uri: tokenUri,
      }),
    );
  });
  afterAll(() => new Promise<void>((resolve) => tokenEndpoint.close(() => resolve())));

  it('self-signed JWT: the service address is the audience, the key id is in the header', async () => {
    const token = await tokenOf(
      new Authenticator(),
      withAuth({ type: 'google-service-account', keyFile }, 'pubsub.googleapis.com:443'),
    );
    const { payload, protectedHeader } = await jwtVerify(token, publicKey, {
      audience: 'https://pubsub.googleapis.com/',
    });
    expect(payload).toMatchObject({
      iss: 'loupe@project.iam.gserviceaccount.com',
      sub: 'loupe@project.iam.gserviceaccount.com',
    });
    expect(protectedHeader.kid).toBe('abc123');
  });

  it('access token: a signed assertion is exchanged at the key’s token_uri', async () => {
    const applied = await new Authenticator().metadata(
      withAuth({ type: 'google-service-account', keyFile, mode: 'access-token', scope: 'https://x/scope' }),
    );
    expect(applied.applied?.expiresAt).toBeGreaterThan(Date.now());
    expect(decodeJwt(assertions.at(-1)!)).toMatchObject({ scope: 'https://x/scope', aud: tokenUri });
  });

  it('a file that is no service account key says what it is missing', async () => {
    const other = join(dir, 'not-sa.json');
    await writeFile(other, JSON.stringify({ type: 'authorized_user', client_id: 'x' }));
    const err = await failure(
      new Authenticator().metadata(withAuth({ type: 'google-service-account', keyFile: other })),
    );
    expect(err.message).toContain(`the service account key ${other} is not usable`);
    expect(err.message).toMatch(/type: this is not a service account key/);
  });
});
