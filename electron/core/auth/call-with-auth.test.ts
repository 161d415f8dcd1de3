import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeContract } from '../../../shared/contract';
import type { CallEvent } from '../../../shared/model/call';
import type { ErrorData } from '../../../shared/model/errors';
import { RpcClient } from '../../../shared/protocol/client';
import { createMemoryPortPair } from '../../../shared/protocol/test-support/memory-port';
import { Engine } from '../engine';
import { API_AUDIENCE, CC_CLIENT, startTestIssuer, type TestIssuer } from './test-support/oidc-issuer';
import { startTokenCheckingServer, type TokenCheckingServer } from './test-support/token-checking-server';

/* A call from the window whose token the server refuses (revoked early, say): renewed once. */

let issuer: TestIssuer;
let api: TokenCheckingServer;
let engine: Engine;
let client: RpcClient<LoupeContract>;

beforeAll(async () => {
  issuer = await startTestIssuer();
  api = await startTokenCheckingServer({ issuer: issuer.url, audience: API_AUDIENCE });
  engine = new Engine({ version: '0.0.0-test', dataDir: mkdtempSync(join(tmpdir(), 'loupe-refused-')) });
  const [clientPort, enginePort] = createMemoryPortPair();
  engine.connect(enginePort);
  client = new RpcClient<LoupeContract>(clientPort);
});
afterAll(async () => {
  client.close();
  engine.dispose();
  await api.stop();
  await issuer.close();
});

const target = () => ({
  address: api.address,
  auth: {
    type: 'oauth2' as const,
    issuer: issuer.url,
    clientId: CC_CLIENT.id,
    clientSecret: CC_CLIENT.secret,
  },
});

function call(method: string, messages: string[]) {
  const events: CallEvent[] = [];
  const ended = new Promise<ErrorData | undefined>((resolve) => {
    client.subscribe(
      'call.open',
      { callId: randomUUID(), target: target(), method: `loupe.demo.v1.Demo/${method}`, messages, metadata: [] },
      { onEvents: (batch) => void events.push(...batch), onEnd: resolve },
    );
  });
  return ended.then((error) => ({ events, error }));
}

const grants = () => issuer.grants.client_credentials ?? 0;

describe('a refused token, in the app', () => {
  it('a unary call is made once more with a new token, and shows as one call', async () => {
    expect((await call('Echo', ['{"message":"warm"}'])).error).toBeUndefined();
    const before = grants();
    api.revokeNext();
    const { events, error } = await call('Echo', ['{"message":"again"}']);
    expect(error).toBeUndefined();
    expect(events.filter((e) => e.type === 'started')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'status', status: { code: 0 } });
    expect(grants() - before).toBe(1);
  });

  it('a bidi stream is not replayed: it ends UNAUTHENTICATED and the next call gets a new token', async () => {
    expect((await call('Echo', ['{"message":"warm"}'])).error).toBeUndefined();
    const before = grants();
    api.revokeNext();
    const refused = await call('Chat', []);
    expect(refused.events.at(-1)).toMatchObject({ type: 'status', status: { code: 16 } });
    expect(grants() - before).toBe(0);
    expect((await call('Echo', ['{"message":"after"}'])).events.at(-1)).toMatchObject({ status: { code: 0 } });
    expect(grants() - before).toBe(1);
  });
});
