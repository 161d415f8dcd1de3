import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../model/errors';
import { CancelSignal } from './cancel';
import { RpcClient } from './client';
import { request, stream, type Handlers, type StreamSink } from './define';
import { answerTo, envelopeFaults } from './test-support/envelope-faults';
import { createMemoryPortPair } from './test-support/memory-port';
import { serve } from './server';

const testContract = {
  add: request<number>()(z.object({ a: z.number(), b: z.number() })),
  slow: request<string>()(z.object({ ms: z.number() })),
  count: stream<{ n: number }>()(z.object({ to: z.number().int().positive() })),
  forever: stream<number>()(z.object({})),
  /** Numbers packed into ranges while they wait to be sent. */
  ranges: stream<{ from: number; to: number }>()(z.object({ to: z.number().int().positive() })),
};

function setup(
  overrides: Partial<Handlers<typeof testContract>> = {},
  options: { initialCredit?: number; batch?: { maxEvents: number; intervalMs: number; highWater: number } } = {},
) {
  const [clientPort, serverPort] = createMemoryPortPair();
  const log = {
    slowCancelled: false,
    foreverCancelled: false,
    disposed: false,
    pushes: 0,
    pausedAt: -1,
    sink: undefined as StreamSink<number> | undefined,
  };
  const handlers: Handlers<typeof testContract> = {
    add: ({ a, b }) => a + b,
    slow: ({ ms }, { signal }) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => resolve('done'), ms);
        signal.onCancel(() => {
          log.slowCancelled = true;
          clearTimeout(timer);
        });
      }),
    count: ({ to }, sink) => {
      for (let n = 1; n <= to; n++) sink.push({ n });
      sink.end();
    },
    forever: (_input, sink) => {
      log.sink = sink;
      let stopped = false;
      sink.signal.onCancel(() => {
        log.foreverCancelled = true;
        stopped = true;
      });
      const produce = (): void => {
        while (!stopped) {
          log.pushes++;
          if (!sink.push(log.pushes)) {
            log.pausedAt = log.pushes;
            sink.onDrain(() => {});
            return;
          }
        }
      };
      produce();
    },
    ranges: ({ to }, sink) => {
      sink.coalesce((last, next) => {
        if (last.to + 1 !== next.from) return false;
        last.to = next.to;
        return true;
      });
      let n = 0;
      const produce = (): void => {
        while (n < to) {
          n++;
          log.pushes++;
          if (!sink.push({ from: n, to: n })) {
            log.pausedAt = n;
            sink.onDrain(produce);
            return;
          }
        }
        sink.end();
      };
      produce();
    },
    ...overrides,
  };
  const internalErrors: string[] = [];
  serve(serverPort, testContract, handlers, {
    batch: options.batch,
    onDispose: () => {
      log.disposed = true;
    },
    onInternalError: (method) => internalErrors.push(method),
  });
  const client = new RpcClient<typeof testContract>(clientPort, { initialCredit: options.initialCredit });
  return { client, log, clientPort, serverPort, internalErrors };
}

/** Polls a condition; the bound (about 30 s) only stops a hang, it measures nothing. */
const waitFor = async (condition: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 6_000; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('RPC over an in-memory port pair', () => {
  it('answers requests and matches answers to callers', async () => {
    const { client } = setup();
    const results = await Promise.all([client.request('add', { a: 1, b: 2 }), client.request('add', { a: 40, b: 2 })]);
    expect(results).toEqual([3, 42]);
  });

  it('rejects invalid input with a VALIDATION error naming the field', async () => {
    const { client } = setup();
    const error = await client.request('add', { a: 1, b: 'two' } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION');
    expect((error as AppError).message).toContain('b:');
  });

  it('turns handler errors into data with their stable code', async () => {
    const { client } = setup({
      add: () => {
        throw new AppError('NOT_FOUND', 'no such thing');
      },
    });
    await expect(client.request('add', { a: 1, b: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'no such thing',
    });
  });

  it('cancels a request on the server when the caller cancels', async () => {
    const { client, log } = setup();
    const signal = new CancelSignal();
    const pending = client.request('slow', { ms: 10_000 }, { signal });
    await new Promise((r) => setTimeout(r, 10));
    signal.cancel();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    await waitFor(() => log.slowCancelled, 'server-side cancel');
  });

  it('delivers every stream event in order, in batches, then ends once', async () => {
    const { client } = setup({}, { batch: { maxEvents: 100, intervalMs: 5, highWater: 100_000 } });
    const received: number[] = [];
    let batches = 0;
    let ends = 0;
    await new Promise<void>((resolve, reject) => {
      client.subscribe(
        'count',
        { to: 1000 },
        {
          onEvents: (events) => {
            batches++;
            received.push(...events.map((e) => e.n));
          },
          onEnd: (error) => {
            ends++;
            if (error) reject(new Error(error.message));
            else resolve();
          },
        },
      );
    });
    expect(received).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(batches).toBeGreaterThanOrEqual(10);
    expect(batches).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 20));
    expect(ends).toBe(1);
  });

  it('sends a short stream and its end in one frame, events first, with no credit sent back', async () => {
    const { client, clientPort, serverPort } = setup();
    const fromServer: Array<{ t: string; end?: unknown }> = [];
    const fromClient: string[] = [];
    clientPort.onMessage((m) => fromServer.push(m as { t: string }));
    serverPort.onMessage((m) => fromClient.push((m as { t: string }).t));
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      client.subscribe(
        'count',
        { to: 3 },
        {
          onEvents: (events) => void seen.push(...events.map((e) => `event ${e.n}`)),
          onEnd: (error) => {
            seen.push('end');
            if (error) reject(new Error(error.message));
            else resolve();
          },
        },
      );
    });
    expect(seen).toEqual(['event 1', 'event 2', 'event 3', 'end']);
    expect(fromServer).toEqual([
      { t: 'batch', id: expect.any(Number) as number, events: [{ n: 1 }, { n: 2 }, { n: 3 }], end: {} },
    ]);
    expect(fromClient).toEqual(['sub']);
  });

  it('never sends more events than the caller has credit for, and pauses the producer', async () => {
    const { client, log } = setup({}, { initialCredit: 50, batch: { maxEvents: 20, intervalMs: 1, highWater: 200 } });
    const received: number[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    client.subscribe(
      'forever',
      {},
      {
        onEvents: async (events) => {
          received.push(...events);
          await gate; // a consumer that is stuck: no credit comes back
        },
        onEnd: () => undefined,
      },
    );
    await waitFor(() => log.pausedAt > 0, 'producer paused by high-water mark');
    await new Promise((r) => setTimeout(r, 50));
    // Stuck on its first batch: the server may not have sent beyond the initial credit.
    expect(received.length).toBeLessThanOrEqual(50);
    expect(log.pushes).toBe(200);
    release();
  });

  it('coalesces queued events, counting credit and the high-water mark in events pushed', async () => {
    const { client, log } = setup({}, { initialCredit: 100, batch: { maxEvents: 40, intervalMs: 1, highWater: 300 } });
    const ranges: Array<{ from: number; to: number }> = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let ended = false;
    client.subscribe(
      'ranges',
      { to: 5000 },
      {
        onEvents: async (events) => {
          ranges.push(...events);
          await gate;
        },
        onEnd: () => (ended = true),
      },
    );
    // The pause and the first batch's arrival are independent events: wait for both.
    await waitFor(
      () => log.pausedAt > 0 && ranges.length > 0,
      'producer paused by high-water mark, first batch delivered',
    );
    // Packed into few events, yet paused after 300 pushes, and only one batch (<= 40 pushed) went out.
    expect(log.pausedAt).toBe(300);
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.at(-1)!.to).toBeLessThanOrEqual(40);
    release();
    await waitFor(() => ended, 'stream end');
    const numbers = ranges.flatMap((r) => Array.from({ length: r.to - r.from + 1 }, (_, i) => r.from + i));
    expect(numbers).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
    expect(ranges.length).toBeLessThan(5000 / 10);
  });

  it('cancels a stream on the server when the caller cancels', async () => {
    const { client, log } = setup({}, { initialCredit: 10, batch: { maxEvents: 5, intervalMs: 1, highWater: 50 } });
    let ended = false;
    const sub = client.subscribe('forever', {}, { onEvents: () => undefined, onEnd: () => (ended = true) });
    await waitFor(() => log.pushes > 0, 'stream started');
    sub.cancel();
    sub.cancel(); // idempotent
    await waitFor(() => log.foreverCancelled, 'server-side stream cancel');
    expect(ended).toBe(false);
  });

  it('tears down everything a port owns when it closes', async () => {
    const { client, log, clientPort } = setup();
    const endErrors: string[] = [];
    client.subscribe('forever', {}, { onEvents: () => undefined, onEnd: (e) => endErrors.push(e?.code ?? 'none') });
    const pending = client.request('slow', { ms: 10_000 });
    await waitFor(() => log.pushes > 0, 'stream started');
    clientPort.close();
    await expect(pending).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await waitFor(() => log.foreverCancelled && log.slowCancelled && log.disposed, 'server teardown');
    await waitFor(() => endErrors.length === 1, 'client stream end');
    expect(endErrors).toEqual(['UNAVAILABLE']);
    await expect(client.request('add', { a: 1, b: 1 })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('ignores malformed envelopes and unknown methods get NOT_FOUND', async () => {
    const { client, clientPort } = setup();
    clientPort.send({ t: 'req', id: 'not-a-number' });
    clientPort.send('garbage');
    await expect(client.request('nope' as 'add', { a: 1, b: 2 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await client.request('add', { a: 2, b: 2 })).toBe(4);
  });
});

describe('every envelope with an id is answered', () => {
  it.each(envelopeFaults({ request: 'add', stream: 'forever' }).map((f) => [f.name, f] as const))(
    '%s',
    async (_name, fault) => {
      const { client, clientPort, internalErrors } = setup();
      const answer = await answerTo(clientPort, fault.envelope, 9001);
      expect(answer).toMatchObject({ t: fault.answer, id: 9001, error: { code: fault.code } });
      expect(internalErrors).toEqual([]);
      // The connection still serves well-formed calls.
      expect(await client.request('add', { a: 2, b: 2 })).toBe(4);
    },
  );

  it('answers a request that reuses an open id, and leaves the first one running', async () => {
    const { clientPort, log } = setup();
    clientPort.send({ t: 'req', id: 77, method: 'slow', input: { ms: 60_000 } });
    const second = await answerTo(clientPort, { t: 'req', method: 'add', input: { a: 1, b: 1 } }, 77);
    expect(second).toMatchObject({ t: 'err', error: { code: 'VALIDATION', message: expect.stringContaining('77') } });
    expect(log.slowCancelled).toBe(false);
    clientPort.send({ t: 'cancel', id: 77 });
    await waitFor(() => log.slowCancelled, 'the first request cancelled');
  });

  it('ends an open stream whose caller sends credit that is not a positive count', async () => {
    const { clientPort, log } = setup({}, { batch: { maxEvents: 5, intervalMs: 1, highWater: 50 } });
    let ended: unknown;
    clientPort.onMessage((m) => {
      if ((m as { t: string }).t === 'end') ended = m;
    });
    clientPort.send({ t: 'sub', id: 5, method: 'forever', input: {}, credit: 5 });
    await waitFor(() => log.pushes > 0, 'stream started');
    clientPort.send({ t: 'credit', id: 5, n: -3 });
    await waitFor(() => ended !== undefined, 'the stream ended');
    expect(ended).toMatchObject({ id: 5, error: { code: 'VALIDATION', message: expect.stringContaining('n:') } });
    await waitFor(() => log.foreverCancelled, 'the producer told to stop');
  });
});
