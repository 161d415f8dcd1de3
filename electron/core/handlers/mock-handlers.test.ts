import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeContract } from '../../../shared/contract';
import type { CallEvent } from '../../../shared/model/call';
import type { ErrorData } from '../../../shared/model/errors';
import type { MockLogEvent } from '../../../shared/model/mock';
import type { RpcClient } from '../../../shared/protocol/client';
import { startDemoServer, type DemoServer } from '../demo';
import { connectEngine, disposeEngines } from '../test-support/engine-connection';
import { received, until } from '../test-support/engine-with-demo';

// The window's mock, through the contract against a real Engine: the demo's schema served by a
// mock on loopback, called with the engine's own call.open.
let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer();
});
afterAll(() => demo?.stop());
afterEach(disposeEngines);

const ECHO = 'loupe.demo.v1.Demo/Echo';
/** Nothing listens there: refused before the call starts, or as its status. */
const unavailable = ({ events, end }: { events: CallEvent[]; end: ErrorData | undefined }) => {
  const last = events.at(-1);
  return end?.code === 'UNAVAILABLE' || (last?.type === 'status' && last.status.code === 14);
};

async function workspaceWithRules() {
  const dataDir = mkdtempSync(join(tmpdir(), 'loupe-mock-data-'));
  const root = mkdtempSync(join(tmpdir(), 'loupe-mock-ws-'));
  const connection = connectEngine({ dataDir });
  await connection.client.request('workspace.open', { root, create: true });
  mkdirSync(join(root, 'mocks'));
  writeFileSync(
    join(root, 'mocks', 'echo.json'),
    JSON.stringify({
      method: ECHO,
      rules: [{ name: 'greeting', when: { request: { message: 'hi' } }, body: { message: 'hello from the mock' } }],
    }),
  );
  writeFileSync(join(root, 'mocks', 'broken.json'), '{ "method": ');
  return { root, ...connection };
}

/** call.open to completion: its events and how its stream ended. */
function callOnce(client: RpcClient<LoupeContract>, address: string, message: string) {
  const events: CallEvent[] = [];
  return new Promise<{ events: CallEvent[]; end: ErrorData | undefined }>((resolve) => {
    client.subscribe(
      'call.open',
      {
        callId: `c-${message}`,
        target: { address },
        method: ECHO,
        messages: [JSON.stringify({ message })],
      },
      { onEvents: (batch) => void events.push(...batch), onEnd: (end) => resolve({ events, end }) },
    );
  });
}

function followLog(client: RpcClient<LoupeContract>, mockId: string) {
  const log: MockLogEvent[] = [];
  const ended = new Promise<ErrorData | undefined>((resolve) => {
    client.subscribe('mock.log', { mockId }, { onEvents: (batch) => void log.push(...batch), onEnd: resolve });
  });
  return { log, ended };
}

describe('mock contract', () => {
  it("serves the tab's schema with the workspace's rules, logs each call, and stops on mock.stop", async () => {
    const { client, root } = await workspaceWithRules();
    const started = await client.request('mock.start', {
      target: { address: demo.address },
      environment: { root, name: null },
    });
    expect(started.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(started.services).toContain('loupe.demo.v1.Demo');
    expect(started.problems).toEqual([expect.stringContaining('broken.json')]);

    const { log, ended } = followLog(client, started.mockId);
    const ruled = await callOnce(client, started.address, 'hi');
    expect(ruled.end).toBeUndefined();
    expect(JSON.parse(received(ruled.events)[0]!.json!)).toEqual({ message: 'hello from the mock' });
    const other = await callOnce(client, started.address, 'something else');
    expect(other.end).toBeUndefined();

    await until('two log entries', () => log.length === 2);
    expect(log).toEqual([
      { entry: expect.objectContaining({ method: ECHO, rule: 'greeting', code: 0, responses: 1 }), status: 'OK' },
      { entry: expect.objectContaining({ method: ECHO, rule: 'default answer', code: 0 }), status: 'OK' },
    ]);

    expect(await client.request('mock.stop', { mockId: started.mockId })).toBeNull();
    expect(await ended).toBeUndefined();
    expect(unavailable(await callOnce(client, started.address, 'hi'))).toBe(true);
    expect(await followLog(client, started.mockId).ended).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('without a workspace: default answers only, and the mock stops when its connection closes', async () => {
    const { client } = connectEngine({ dataDir: mkdtempSync(join(tmpdir(), 'loupe-mock-data-')) });
    const started = await client.request('mock.start', { target: { address: demo.address } });
    expect(started.problems).toEqual([]);
    expect(started.rulesDir).toBeUndefined();
    const { ended } = followLog(client, started.mockId);
    const ok = await callOnce(client, started.address, 'hi');
    expect(ok.end).toBeUndefined();

    const other = connectEngine({ dataDir: mkdtempSync(join(tmpdir(), 'loupe-mock-data-')) });
    client.close();
    await ended;
    // The stop follows the close without a message to await: asked again, a bounded number of times.
    let stopped = false;
    for (let attempt = 0; attempt < 100 && !stopped; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 100));
      stopped = unavailable(await callOnce(other.client, started.address, 'hi'));
    }
    expect(stopped).toBe(true);
  });
});
