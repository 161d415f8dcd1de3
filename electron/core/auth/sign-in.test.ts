import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeContract } from '../../../shared/contract';
import type { AuthSignIn } from '../../../shared/model/auth';
import type { CallEvent } from '../../../shared/model/call';
import type { ErrorData } from '../../../shared/model/errors';
import { RpcClient } from '../../../shared/protocol/client';
import { createMemoryPortPair } from '../../../shared/protocol/test-support/memory-port';
import { Engine } from '../engine';
import { API_AUDIENCE, NATIVE_CLIENT, startTestIssuer, type TestIssuer } from './test-support/oidc-issuer';
import { signInAsUser } from './test-support/sign-in-driver';
import { startTokenCheckingServer, type TokenCheckingServer } from './test-support/token-checking-server';

/* The window's part in a browser sign-in: it hears of the page to open, the user signs in, the call goes on. */

let issuer: TestIssuer;
let api: TokenCheckingServer;
let engine: Engine | undefined;
beforeAll(async () => {
  issuer = await startTestIssuer();
  api = await startTokenCheckingServer({ issuer: issuer.url, audience: API_AUDIENCE });
});
afterAll(async () => {
  engine?.dispose();
  await api.stop();
  await issuer.close();
});

function connect(openSignInPage?: (url: string) => boolean): RpcClient<LoupeContract> {
  engine?.dispose();
  const dataDir = mkdtempSync(join(tmpdir(), 'loupe-signin-'));
  engine = new Engine({ version: '0.0.0-test', dataDir, ...(openSignInPage ? { openSignInPage } : {}) });
  const [clientPort, enginePort] = createMemoryPortPair();
  engine.connect(enginePort);
  return new RpcClient<LoupeContract>(clientPort);
}

function call(client: RpcClient<LoupeContract>) {
  const events: CallEvent[] = [];
  const ended = new Promise<ErrorData | undefined>((resolve) => {
    client.subscribe(
      'call.open',
      {
        callId: randomUUID(),
        target: {
          address: api.address,
          auth: {
            type: 'oauth2',
            flow: 'authorization-code',
            issuer: issuer.url,
            clientId: NATIVE_CLIENT,
            scope: 'openid api:read',
          },
        },
        method: 'loupe.demo.v1.Demo/Echo',
        messages: ['{"message":"hi"}'],
        metadata: [],
      },
      { onEvents: (batch) => void events.push(...batch), onEnd: resolve },
    );
  });
  return { events, ended };
}

describe('a browser sign-in from the window', () => {
  it('browser mode: the window is told the page to open; once signed in, the call goes through', async () => {
    const client = connect();
    const prompts: AuthSignIn[] = [];
    client.subscribe(
      'auth.signIns',
      {},
      {
        onEvents: (batch) => {
          prompts.push(...batch);
          for (const p of batch) void signInAsUser(p.url);
        },
        onEnd: () => undefined,
      },
    );
    const { events, ended } = call(client);
    expect(await ended).toBeUndefined();
    expect(prompts).toEqual([
      { url: expect.stringMatching(/\/auth\?/) as string, flow: 'authorization-code', openedByHost: false },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'status', status: { code: 0 } });
  });

  it('desktop: the host opens the system browser and the window still hears of it', async () => {
    const opened: string[] = [];
    const client = connect((url) => {
      opened.push(url);
      void signInAsUser(url);
      return true;
    });
    const prompts: AuthSignIn[] = [];
    client.subscribe('auth.signIns', {}, { onEvents: (batch) => void prompts.push(...batch), onEnd: () => undefined });
    const { ended } = call(client);
    expect(await ended).toBeUndefined();
    expect(opened).toHaveLength(1);
    expect(prompts).toMatchObject([{ url: opened[0], openedByHost: true }]);
  });

  it('with no window listening and no browser to open, the call fails saying so', async () => {
    const client = connect();
    const error = await call(client).ended;
    expect(error?.message).toMatch(/^Auth: the sign-in page cannot be shown: no window is open/);
  });
});
