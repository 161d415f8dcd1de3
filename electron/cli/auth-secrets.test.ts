import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeContract } from '../../shared/contract';
import type { CallEvent } from '../../shared/model/call';
import type { ErrorData } from '../../shared/model/errors';
import { RpcClient } from '../../shared/protocol/client';
import { createMemoryPortPair } from '../../shared/protocol/test-support/memory-port';
import { API_AUDIENCE, CC_CLIENT, startTestIssuer, type TestIssuer } from '../core/auth/test-support/oidc-issuer';
import { startTokenCheckingServer, type TokenCheckingServer } from '../core/auth/test-support/token-checking-server';
import { Engine } from '../core/engine';
import { WorkspaceStore } from '../core/workspace';
import { cli } from './test-support/test-io';

/*
 * A service that wants an OAuth 2.0 token, called from the window and with `loupe run`, the
 * client secret in a secret variable. Neither the client secret nor any token the issuer gave
 * may appear in the workspace folder, the history or anything the window or the CLI received.
 */

let issuer: TestIssuer;
let api: TokenCheckingServer;
let root: string;
let dataDir: string;
let engine: Engine;
let client: RpcClient<LoupeContract>;
const windowReceived: string[] = [];
const savedEnv = { ...process.env };

const TARGET = () => ({
  address: '{{host}}',
  auth: {
    type: 'oauth2' as const,
    flow: 'client-credentials' as const,
    issuer: issuer.url,
    clientId: CC_CLIENT.id,
    clientSecret: '{{client_secret}}',
  },
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  api = await startTokenCheckingServer({ issuer: issuer.url, audience: API_AUDIENCE });
  root = mkdtempSync(join(tmpdir(), 'loupe-auth-ws-'));
  dataDir = mkdtempSync(join(tmpdir(), 'loupe-auth-data-'));
  process.env.LOUPE_DATA_DIR = dataDir;
  const store = await WorkspaceStore.open(root, { create: true });
  await store.saveWorkspaceFile({ version: 1, defaultEnvironment: 'dev', targets: { api: TARGET() } });
  await store.saveEnvironment('dev', {
    version: 1,
    variables: [
      { name: 'host', value: api.address },
      { name: 'client_secret', secret: true },
    ],
  });
  await store.saveRequest('echo', {
    version: 1,
    target: 'api',
    method: 'loupe.demo.v1.Demo/Echo',
    body: '{"message":"hi"}',
  });
  engine = new Engine({ version: '0.0.0-test', dataDir, cacheDir: join(dataDir, 'cache') });
  const [clientPort, enginePort] = createMemoryPortPair();
  clientPort.onMessage((message) => void windowReceived.push(JSON.stringify(message)));
  engine.connect(enginePort);
  client = new RpcClient<LoupeContract>(clientPort);
});

afterAll(async () => {
  process.env = savedEnv;
  client?.close();
  engine?.dispose();
  await api?.stop();
  await issuer?.close();
});

describe('OAuth 2.0 from the app and from loupe run', () => {
  let cliOutput = '';

  it('the app: the call carries a token, its started event says which auth and when it expires', async () => {
    await client.request('secret.set', { root, environment: 'dev', name: 'client_secret', value: CC_CLIENT.secret });
    const events: CallEvent[] = [];
    const error = await new Promise<ErrorData | undefined>((resolve) => {
      client.subscribe(
        'call.open',
        {
          callId: randomUUID(),
          target: TARGET(),
          method: 'loupe.demo.v1.Demo/Echo',
          messages: ['{"message":"hi"}'],
          metadata: [],
          environment: { root, name: 'dev' },
          requestPath: 'echo',
        },
        { onEvents: (batch) => void events.push(...batch), onEnd: resolve },
      );
    });
    expect(error).toBeUndefined();
    const started = events.find((e) => e.type === 'started');
    expect(started?.type === 'started' && started.auth).toMatchObject({
      type: 'oauth2',
      label: 'OAuth 2.0 (client credentials)',
      expiresAt: expect.any(Number) as number,
    });
    expect(events.at(-1)).toMatchObject({ type: 'status', status: { code: 0 } });
    expect(api.accepted.length).toBeGreaterThan(0);
  });

  it('loupe run: the secret from LOUPE_SECRET_CLIENT_SECRET, the token fetched and sent', async () => {
    const accepted = api.accepted.length;
    process.env.LOUPE_SECRET_CLIENT_SECRET = CC_CLIENT.secret;
    const run = await cli(['run', root]);
    delete process.env.LOUPE_SECRET_CLIENT_SECRET;
    cliOutput = run.stdout + run.stderr;
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^ok {4}echo {2}OK/m);
    expect(run.code).toBe(0);
    expect(api.accepted.length).toBeGreaterThan(accepted);
  });

  it('loupe run: a wrong client secret fails the request with the step that failed', async () => {
    process.env.LOUPE_SECRET_CLIENT_SECRET = 'not-the-secret';
    const run = await cli(['run', root]);
    delete process.env.LOUPE_SECRET_CLIENT_SECRET;
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL {2}echo {2}VALIDATION: Auth: the issuer refused the client \(invalid_client/);
  });

  it('neither the client secret nor a token is in the workspace, the history or any output', async () => {
    const secrets = [CC_CLIENT.secret, ...new Set([...api.accepted, ...api.refused])];
    const files = [...(await filesUnder(root)), ...(await filesUnder(dataDir))];
    expect(files.some((f) => f.includes('history'))).toBe(true);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      // The client secret lives in the secrets file, where secrets are kept; tokens live nowhere on disk.
      const kept = basename(file) === 'secrets.json' ? secrets.slice(1) : secrets;
      expect(kept.filter((s) => text.includes(s)).map(() => file)).toEqual([]);
    }
    for (const text of [...windowReceived, cliOutput]) {
      expect(secrets.filter((s) => text.includes(s))).toEqual([]);
    }
  });
});
