import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeContract } from '../../../shared/contract';
import type { ConnectivityState } from '../../../shared/model/target';
import type { RpcClient } from '../../../shared/protocol/client';
import { startDemoServer, type DemoServer } from '../demo';
import { connectEngine, disposeEngines } from '../test-support/engine-connection';

/* target.state: the connectivity of the channel that reflection and calls share, pushed live. */

let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer();
});
afterEach(disposeEngines);
afterAll(() => demo.stop());
const connect = () => connectEngine().client;

function watch(client: RpcClient<LoupeContract>, address: string) {
  const states: ConnectivityState[] = [];
  const waiters: Array<() => void> = [];
  const sub = client.subscribe(
    'target.state',
    { target: { address } },
    {
      onEvents: (events) => {
        states.push(...events.map((e) => e.state));
        for (const w of waiters.splice(0)) w();
      },
      onEnd: () => undefined,
    },
  );
  const until = (state: ConnectivityState): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`never reached ${state}; saw ${states.join(', ')}`)), 10_000);
      const check = (): void => {
        if (states.includes(state)) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  return { states, sub, until };
}

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('target.state', () => {
  it('starts IDLE, and becomes READY once the schema load connects the shared channel', async () => {
    const client = connect();
    const watcher = watch(client, demo.address);
    await watcher.until('IDLE');
    expect(watcher.states[0]).toBe('IDLE');
    await client.request('schema.load', { target: { address: demo.address } });
    await watcher.until('READY');
    watcher.sub.cancel();
  });

  it('reports a failing connection to a port nobody listens on', async () => {
    const client = connect();
    const address = `127.0.0.1:${await freePort()}`;
    const watcher = watch(client, address);
    await expect(client.request('schema.load', { target: { address } })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await watcher.until('TRANSIENT_FAILURE');
    watcher.sub.cancel();
  });
});
