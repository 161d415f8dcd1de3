import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadReportSchema } from '../../../shared/model/load-report';
import type { LoadProgress } from '../../../shared/model/load';
import { runLoad } from './load-run';
import { plan, prepareDemo, startCountingServer, type CountingServer } from './test-support/load-fixtures';

let server: CountingServer;
let failing: CountingServer;
beforeAll(async () => {
  server = await startCountingServer();
  failing = await startCountingServer(4);
});
afterAll(async () => {
  await server.stop();
  await failing.stop();
});

const sent = (s: CountingServer, method: string) => s.received[method] ?? 0;

describe('runLoad against a real server', () => {
  it('makes exactly the calls asked for across workers and connections, warm-up apart', async () => {
    const before = sent(server, 'Echo');
    const progress: LoadProgress[] = [];
    const report = await runLoad(
      await prepareDemo(
        server,
        plan({ calls: 40, concurrency: 4, connections: 2, warmup: { calls: 6 }, body: '{"message":"n{{$seq}}"}' }),
      ),
      { onProgress: (p) => progress.push(p) },
    );
    expect(LoadReportSchema.parse(report)).toBeTruthy();
    expect(report.count).toBe(40);
    expect(report.warmupCalls).toBe(6);
    expect(sent(server, 'Echo') - before).toBe(46);
    expect(report.statusCodeDistribution).toEqual({ OK: 40 });
    expect(report.endReason).toBe('normal');
    expect(report.machine.workers).toBe(2);
    expect(report.latencyDistribution.map((d) => d.percentage)).toContain(99);
    expect(report.histogram.reduce((n, b) => n + b.count, 0)).toBe(40);
    expect(progress.at(-1)?.calls).toBe(40);
  });

  it('counts statuses and errors when the server fails every 4th call', async () => {
    const report = await runLoad(await prepareDemo(failing, plan({ calls: 40, concurrency: 5 })));
    expect(report.statusCodeDistribution).toEqual({ OK: 30, UNAVAILABLE: 10 });
    expect(report.errorRate).toBe(0.25);
    expect(report.errorDistribution).toEqual({ 'UNAVAILABLE: every 4th call fails': 10 });
    expect(report.firstErrors).toEqual([{ code: 'UNAVAILABLE', message: 'every 4th call fails', count: 10 }]);
  });

  it('evaluates thresholds in the report', async () => {
    const report = await runLoad(
      await prepareDemo(failing, plan({ calls: 20, thresholds: ['errors<1%', 'p99<60s', 'max>=0ms'] })),
    );
    expect(report.thresholds.map((t) => [t.expression, t.passed])).toEqual([
      ['errors<1%', false],
      ['p99<60s', true],
      ['max>=0ms', true],
    ]);
    expect(report.thresholds[0]!.actual).toBe(25);
  });

  it('stops sending when the duration is over', async () => {
    const report = await runLoad(await prepareDemo(server, plan({ durationMs: 300, concurrency: 2 })));
    expect(report.endReason).toBe('timeout');
    expect(report.count).toBeGreaterThan(0);
    // Only a lower bound: a busy machine makes a run longer, never shorter.
    expect(report.total / 1e6).toBeGreaterThanOrEqual(250);
  });

  it('paces calls at the rate set and measures from the scheduled times', async () => {
    const report = await runLoad(
      await prepareDemo(server, plan({ calls: 20, concurrency: 4, schedule: { kind: 'const', rps: 40 } })),
    );
    expect(report.count).toBe(20);
    // 20 calls at 40/s are scheduled over 19 intervals of 25 ms: the rate limit can only stretch that.
    expect(report.total / 1e6).toBeGreaterThanOrEqual(0.9 * 19 * 25);
    expect(report.rps).toBeLessThanOrEqual(40 * 1.1);
    expect(report.coordinatedOmission.corrected).toBe(true);
    expect(report.schedule).toBe('constant 40 calls/s');
  });

  it('sends the stream options on client and bidi streams and counts what comes back', async () => {
    const sum = await runLoad(
      await prepareDemo(
        server,
        plan({ method: 'loupe.demo.v1.Demo/Sum', body: '{"value": "{{$seq}}"}', calls: 6, stream: { messages: 3 } }),
      ),
    );
    expect(sum.statusCodeDistribution).toEqual({ OK: 6 });
    expect(sum.messages).toEqual({ sent: 18, received: 6 });
    const chat = await runLoad(
      await prepareDemo(
        server,
        plan({
          method: 'loupe.demo.v1.Demo/Chat',
          body: '{"text":"a"} {"text":"b"}',
          calls: 4,
          stream: { messages: 4, intervalMs: 5 },
        }),
      ),
    );
    expect(chat.messages).toEqual({ sent: 16, received: 16 });
    const ticker = await runLoad(
      await prepareDemo(server, plan({ method: 'loupe.demo.v1.Demo/Ticker', body: '{"count": 3}', calls: 5 })),
    );
    expect(ticker.messages).toEqual({ sent: 5, received: 15 });
  });

  it('fills rows of a data file into the body and sends them in order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loupe-load-'));
    const file = join(dir, 'codes.csv');
    // Every third row asks the demo to fail with NOT_FOUND.
    await writeFile(file, 'code,text\n0,"a ""quoted"" one"\n0,b\n5,c\n');
    const report = await runLoad(
      await prepareDemo(
        server,
        plan({
          calls: 9,
          concurrency: 3,
          body: '{"message":"{{$row.text}}","fail":{"code":"{{$row.code}}"}}',
          data: { path: file },
        }),
      ),
    );
    expect(report.statusCodeDistribution).toEqual({ OK: 6, NOT_FOUND: 3 });
  });

  it('stops at once when cancelled, reporting what it measured', async () => {
    const controller = new AbortController();
    const report = await runLoad(await prepareDemo(server, plan({ durationMs: 600_000, concurrency: 2 })), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.calls > 0) controller.abort();
      },
    });
    expect(report.endReason).toBe('cancel');
    expect(report.count).toBeGreaterThan(0);
  });

  it('leaves a timed warm-up out of the results', async () => {
    const report = await runLoad(
      await prepareDemo(server, plan({ calls: 10, concurrency: 2, warmup: { durationMs: 200 } })),
    );
    expect(report.warmupCalls).toBeGreaterThan(0);
    expect(report.count).toBe(10);
  });

  it('reports a port that speaks no gRPC as failed calls, without hanging', async () => {
    // Holds its port (no other process can take it) and hangs up on every connection.
    const refusing = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const address = `127.0.0.1:${(refusing.address() as AddressInfo).port}`;
    try {
      const report = await runLoad(
        await prepareDemo({ address }, plan({ calls: 6, concurrency: 2, deadlineMs: 30_000 })),
      );
      expect(report.count).toBe(6);
      expect(report.statusCodeDistribution).toEqual({ UNAVAILABLE: 6 });
      expect(report.firstErrors[0]?.code).toBe('UNAVAILABLE');
    } finally {
      refusing.close();
    }
  });

  it('ends a paced run, saying why, when the calls due pile up behind a server that cannot keep up', async () => {
    const slow = plan({
      calls: 1000,
      concurrency: 1,
      schedule: { kind: 'const', rps: 1000 },
      body: '{"message":"x","delayMs":2000}',
    });
    await expect(runLoad(await prepareDemo(server, slow), { maxBacklog: 5 })).rejects.toThrow(
      /5 calls were due and waiting for one of the 1 calls in flight to end: the server is not keeping up with the rate/,
    );
  });

  it('refuses what it cannot run before any call, naming the field', async () => {
    await expect(prepareDemo(server, plan({ body: '{"message":"{{$nope}}"}' }))).rejects.toThrow(
      /Unknown placeholder \{\{\$nope\}\} in the request body/,
    );
    await expect(prepareDemo(server, plan({ body: '{"message":"{{$row.a}}"}' }))).rejects.toThrow(/needs a data file/);
    await expect(prepareDemo(server, plan({ body: '{"mesage":"x"}' }))).rejects.toThrow(/mesage/);
    await expect(prepareDemo(server, plan({ thresholds: ['p99 under 3'] }))).rejects.toThrow(
      /Threshold 'p99 under 3' is not understood/,
    );
  });
});
