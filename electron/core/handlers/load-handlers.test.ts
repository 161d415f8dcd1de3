import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeContract } from '../../../shared/contract';
import type { ErrorData } from '../../../shared/model/errors';
import type { LoadEvent } from '../../../shared/model/load-report';
import type { LoadPlanInput } from '../../../shared/model/load';
import type { RpcClient } from '../../../shared/protocol/client';
import { startDemoServer, type DemoServer } from '../demo';
import { WorkspaceStore } from '../workspace';
import { connectEngine, disposeEngines } from '../test-support/engine-connection';

// Load tests through the contract, against a real Engine and the demo server.
let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer();
});
afterAll(() => demo?.stop());
afterEach(disposeEngines);

const ECHO = 'loupe.demo.v1.Demo/Echo';

function run(client: RpcClient<LoupeContract>, plan: LoadPlanInput, onEvent?: (e: LoadEvent) => void) {
  const events: LoadEvent[] = [];
  return new Promise<{ events: LoadEvent[]; end: ErrorData | undefined }>((resolve) => {
    client.subscribe(
      'load.start',
      { target: { address: demo.address }, plan },
      {
        onEvents: (batch) => {
          events.push(...batch);
          batch.forEach((e) => onEvent?.(e));
        },
        onEnd: (end) => resolve({ events, end }),
      },
    );
  });
}

describe('load.* through the contract', () => {
  it('runs, keeps, lists, compares, renders and deletes runs', async () => {
    const { client } = connectEngine({ dataDir: mkdtempSync(join(tmpdir(), 'loupe-load-data-')) });
    const plan = { request: { method: ECHO, body: '{"message":"x"}' }, calls: 30, concurrency: 3 };
    const first = await run(client, plan);
    expect(first.end).toBeUndefined();
    const report = first.events.at(-1);
    expect(report?.type).toBe('report');
    if (report?.type !== 'report') return;
    expect(report.report.count).toBe(30);
    expect(first.events.some((e) => e.type === 'progress' && e.runId === report.report.runId)).toBe(true);
    const second = (await run(client, { ...plan, calls: 20 })).events.at(-1);
    if (second?.type !== 'report') throw new Error('no second report');

    const runs = await client.request('load.runs', {});
    expect(runs.map((r) => r.runId)).toEqual([second.report.runId, report.report.runId]);
    const comparison = await client.request('load.compare', { base: report.report.runId, other: second.report.runId });
    expect(comparison.metrics.find((m) => m.metric === 'count')).toMatchObject({
      base: 30,
      other: 20,
      verdict: 'worse',
    });
    expect(await client.request('load.html', { runId: second.report.runId })).toContain(
      'data-chart="latency-histogram"',
    );
    await client.request('load.deleteRun', { runId: report.report.runId });
    expect((await client.request('load.runs', {})).map((r) => r.runId)).toEqual([second.report.runId]);
    await expect(client.request('load.report', { runId: report.report.runId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('stops a run on load.stop and still sends its report', async () => {
    const { client } = connectEngine({ dataDir: mkdtempSync(join(tmpdir(), 'loupe-load-data-')) });
    let stopped = false;
    const { events, end } = await run(
      client,
      { request: { method: ECHO }, durationMs: 600_000, concurrency: 2 },
      (e) => {
        if (e.type === 'progress' && e.calls > 0 && !stopped) {
          stopped = true;
          void client.request('load.stop', { runId: e.runId });
        }
      },
    );
    expect(end).toBeUndefined();
    const last = events.at(-1);
    expect(last?.type === 'report' && last.report.endReason).toBe('cancel');
  });

  it('refuses a gRPC-Web target and exports k6 without running', async () => {
    const { client } = connectEngine({ dataDir: mkdtempSync(join(tmpdir(), 'loupe-load-data-')) });
    const { end } = await new Promise<{ end: ErrorData | undefined }>((resolve) =>
      client.subscribe(
        'load.start',
        { target: { address: demo.address, protocol: 'grpc-web' }, plan: { request: { method: ECHO }, calls: 1 } },
        { onEvents: () => undefined, onEnd: (e) => resolve({ end: e }) },
      ),
    );
    expect(end).toMatchObject({ code: 'UNSUPPORTED' });
    expect(end?.message).toMatch(/Load tests speak gRPC only/);
    const files = await client.request('load.exportK6', {
      target: { address: demo.address },
      plan: { request: { method: ECHO }, calls: 10, thresholds: ['p99<100ms'] },
    });
    expect(files[0]?.content).toContain("'grpc_req_duration{scenario:load}'".replace(/'/g, '"'));
  });

  it('keeps a secret out of the report it sends and the one it keeps, even when the server quotes it', async () => {
    const secret = 'tok-9f8e7d6c5b4a';
    process.env.LOUPE_SECRET_TOKEN = secret;
    try {
      const root = mkdtempSync(join(tmpdir(), 'loupe-load-ws-'));
      const store = await WorkspaceStore.open(root, { create: true });
      await store.saveWorkspaceFile({ version: 1, targets: {} });
      await store.saveEnvironment('dev', { version: 1, variables: [{ name: 'token', secret: true }] });
      const dataDir = mkdtempSync(join(tmpdir(), 'loupe-load-data-'));
      const { client } = connectEngine({ dataDir });
      const events: LoadEvent[] = [];
      const end = await new Promise<ErrorData | undefined>((resolve) =>
        client.subscribe(
          'load.start',
          {
            target: { address: demo.address },
            environment: { root, name: 'dev' },
            plan: {
              request: {
                method: ECHO,
                body: '{"message":"x","fail":{"code":5,"message":"refused {{token}}"}}',
                metadata: [{ name: 'authorization', value: 'Bearer {{token}}' }],
              },
              calls: 3,
              concurrency: 1,
            },
          },
          { onEvents: (batch) => void events.push(...batch), onEnd: resolve },
        ),
      );
      expect(end).toBeUndefined();
      const report = events.at(-1);
      if (report?.type !== 'report') throw new Error('no report');
      expect(report.report.statusCodeDistribution).toEqual({ NOT_FOUND: 3 });
      expect(JSON.stringify(events)).not.toContain(secret);
      const kept = join(dataDir, 'load-runs');
      const folder = join(kept, readdirSync(kept)[0]!);
      const text = readFileSync(join(folder, readdirSync(folder)[0]!), 'utf8');
      expect(text).toContain('refused');
      expect(text).not.toContain(secret);
    } finally {
      delete process.env.LOUPE_SECRET_TOKEN;
    }
  });
});
