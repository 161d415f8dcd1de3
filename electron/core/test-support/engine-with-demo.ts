import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { LoupeContract } from '../../../shared/contract';
import type { CallEvent } from '../../../shared/model/call';
import type { AppError, ErrorData } from '../../../shared/model/errors';
import { RpcClient, type Subscription } from '../../../shared/protocol/client';
import type { InputOf } from '../../../shared/protocol/define';
import { createMemoryPortPair } from '../../../shared/protocol/test-support/memory-port';
import type { Port } from '../../../shared/protocol/port';
import { startDemoServer, type DemoServer } from '../demo';
import { Engine } from '../engine';

/* For tests: the engine wired as the UI sees it: a real Engine serving the contract on one end of
 * an in-memory port pair (JSON on every hop, like the WebSocket), a real demo gRPC server behind it. */

type OpenInput = InputOf<LoupeContract['call.open']>;

export interface OpenCall {
  sub: Subscription;
  events: CallEvent[];
  batches: number;
  /** Resolves with the stream's end error (undefined for a normal end). */
  ended: Promise<ErrorData | undefined>;
}

export interface EngineWithDemo {
  readonly demo: DemoServer;
  /** A fresh engine per test, so one test's leftovers cannot pass or fail another. */
  readonly engine: Engine;
  // Function-typed properties, not methods: tests destructure them (`const { connect } = kit`).
  connect: () => { client: RpcClient<LoupeContract>; port: Port };
  openCall: (
    client: RpcClient<LoupeContract>,
    input: Omit<OpenInput, 'target'> & { target?: OpenInput['target'] },
    onEvents?: (events: CallEvent[]) => void | Promise<void>,
  ) => OpenCall;
}

/** Registers the hooks of a test file that drives the engine against the demo server. */
export function useEngineWithDemo(): EngineWithDemo {
  let demo: DemoServer;
  let engine: Engine;
  const clients: RpcClient<LoupeContract>[] = [];

  beforeAll(async () => {
    demo = await startDemoServer();
  });
  beforeEach(() => {
    engine = new Engine({ version: '9.9.9-test', demoAddress: demo.address });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
    engine.dispose();
  });
  afterAll(() => demo.stop());

  return {
    get demo() {
      return demo;
    },
    get engine() {
      return engine;
    },
    connect: () => {
      const [clientPort, enginePort] = createMemoryPortPair();
      engine.connect(enginePort);
      const client = new RpcClient<LoupeContract>(clientPort);
      clients.push(client);
      return { client, port: clientPort };
    },
    openCall: (client, input, onEvents) => {
      const call = { events: [] as CallEvent[], batches: 0 } as OpenCall;
      call.ended = new Promise((resolve) => {
        call.sub = client.subscribe(
          'call.open',
          { target: { address: demo.address }, ...input },
          {
            onEvents: (events) => {
              call.batches++;
              call.events.push(...events);
              return onEvents?.(events);
            },
            onEnd: resolve,
          },
        );
      });
      return call;
    },
  };
}

/** Polls a condition (for state with no event to await); the bound only stops a hang. */
export async function until(what: string, condition: () => boolean, timeoutMs = 30_000, everyMs = 10): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const types = (events: CallEvent[]) => events.map((e) => e.type);
/** Every received message, packed runs unpacked; `json` only on those that carried it. */
export const received = (events: CallEvent[]) =>
  events.flatMap((e): Array<{ index: number; size: number; t: number; json?: string }> => {
    if (e.type === 'received') return [e];
    if (e.type === 'received-run') return e.times.map((t, i) => ({ index: e.index + i, t, size: e.sizes[i]! }));
    return [];
  });
export const lastStatus = (events: CallEvent[]) => {
  const last = events.at(-1);
  return last?.type === 'status' ? last.status : undefined;
};
export const failure = (p: Promise<unknown>): Promise<AppError> =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as AppError,
  );

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
