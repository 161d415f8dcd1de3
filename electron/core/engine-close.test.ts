import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeContract } from '../../shared/contract';
import type { CallEvent } from '../../shared/model/call';
import { RpcClient } from '../../shared/protocol/client';
import { createMemoryPortPair } from '../../shared/protocol/test-support/memory-port';
import { startDemoServer, type DemoServer } from './demo';
import { Engine } from './engine';

let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer();
});
afterAll(() => demo.stop());

describe('Engine.close', () => {
  it('writes the history entries of calls that ended just before it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'loupe-engine-close-'));
    const engine = new Engine({ version: '9.9.9-test', dataDir, cacheDir: join(dataDir, 'cache') });
    const [clientPort, enginePort] = createMemoryPortPair();
    engine.connect(enginePort);
    const client = new RpcClient<LoupeContract>(clientPort);
    const call = (message: string) =>
      new Promise<CallEvent[]>((resolve, reject) => {
        const events: CallEvent[] = [];
        client.subscribe(
          'call.open',
          {
            callId: `close-${message}`,
            target: { address: demo.address },
            method: 'loupe.demo.v1.Demo/Echo',
            messages: [JSON.stringify({ message })],
            metadata: [],
          },
          {
            onEvents: (batch) => void events.push(...batch),
            onEnd: (error) => (error ? reject(new Error(error.message)) : resolve(events)),
          },
        );
      });
    const methods = ['one', 'two', 'three'];
    for (const m of methods) expect((await call(m)).at(-1)?.type).toBe('status');
    // Straight after the last call's status: its entry may still be waiting to be written.
    client.close();
    await engine.close();
    const lines = readFileSync(join(dataDir, 'history', 'history.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean);
    expect(lines.map((l) => (JSON.parse(l) as { requests: string[] }).requests[0])).toEqual(
      methods.map((message) => JSON.stringify({ message })),
    );
  });
});
