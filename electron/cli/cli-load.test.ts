import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadReportSchema } from '../../shared/model/load-report';
import { WorkspaceStore } from '../core/workspace';
import { startCountingServer, type CountingServer } from '../core/load/test-support/load-fixtures';
import { buildBundledCli, runBundledCli } from './test-support/bundled-cli';
import { cli } from './test-support/test-io';

// `loupe load` against real servers: one answers every call, one fails every 4th.
let ok: CountingServer;
let failing: CountingServer;
let bundle: string;
let dir: string;
const saved = { ...process.env };
beforeAll(async () => {
  ok = await startCountingServer();
  failing = await startCountingServer(4);
  bundle = await buildBundledCli();
  dir = mkdtempSync(join(tmpdir(), 'loupe-cli-load-'));
  process.env.LOUPE_DATA_DIR = mkdtempSync(join(tmpdir(), 'loupe-cli-load-data-'));
}, 120_000);
afterAll(async () => {
  process.env = saved;
  await ok.stop();
  await failing.stop();
});

const ECHO = 'loupe.demo.v1.Demo/Echo';

describe('loupe load', () => {
  it('exits 2 naming the missed threshold, as a process, and writes the JSON and HTML reports', async () => {
    const json = join(dir, 'report.json');
    const html = join(dir, 'report.html');
    const run = await runBundledCli(bundle, [
      'load',
      '--plaintext',
      failing.address,
      ECHO,
      '-n',
      '20',
      '-c',
      '2',
      '--threshold',
      'errors<1%',
      '--threshold',
      'p99<60s',
      '-o',
      json,
      '--html',
      html,
    ]);
    expect(run.stderr).toMatch(/1 threshold missed: errors<1% \(measured 25\.00\)/);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Count:        20');
    expect(run.stdout).toMatch(/\[UNAVAILABLE\] {3}5 responses/);
    const report = LoadReportSchema.parse(JSON.parse(readFileSync(json, 'utf8')));
    expect(report.statusCodeDistribution).toEqual({ OK: 15, UNAVAILABLE: 5 });
    expect(readFileSync(html, 'utf8')).toContain('data-chart="status-codes"');
  }, 120_000);

  it('exits 0 when every threshold holds, with ghz-like flags for rate and streams', async () => {
    const run = await cli([
      'load',
      '--plaintext',
      ok.address,
      'loupe.demo.v1.Demo/Sum',
      '-n',
      '6',
      '-c',
      '2',
      '--rps',
      '200',
      '-d',
      '{"value": "{{$seq}}"}',
      '--stream-messages',
      '2',
      '--threshold',
      'errors<1%',
      '-o',
      join(dir, 'sum.json'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = LoadReportSchema.parse(JSON.parse(readFileSync(join(dir, 'sum.json'), 'utf8')));
    expect(report.messages.sent).toBe(12);
    expect(report.schedule).toBe('constant 200 calls/s');
  });

  it('runs a saved request of a workspace with its environment', async () => {
    const root = mkdtempSync(join(tmpdir(), 'loupe-cli-load-ws-'));
    const store = await WorkspaceStore.open(root, { create: true });
    await store.saveWorkspaceFile({
      version: 1,
      defaultEnvironment: 'dev',
      targets: { demo: { address: '{{host}}', tls: { enabled: false } } },
    });
    await store.saveEnvironment('dev', { version: 1, variables: [{ name: 'host', value: ok.address }] });
    await store.saveRequest('echo', { version: 1, target: 'demo', method: ECHO, body: '{"message": "n{{$seq}}"}' });
    const before = ok.received.Echo ?? 0;
    const run = await cli(['load', '--workspace', root, 'echo', '-n', '7', '-c', '1']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((ok.received.Echo ?? 0) - before).toBe(7);
    expect(run.stdout).toContain('Name:         echo');
  });

  it('exports k6 instead of running', async () => {
    const out = join(dir, 'k6');
    const before = ok.received.Echo ?? 0;
    const run = await cli(['load', '--plaintext', ok.address, ECHO, '-z', '10s', '--rps', '5', '--k6', out]);
    expect(run.code).toBe(0);
    expect(existsSync(join(out, 'loadtest.js'))).toBe(true);
    expect(ok.received.Echo ?? 0).toBe(before);
  });

  it('refuses flags it cannot use with a specific message', async () => {
    const schedule = await cli(['load', '--plaintext', ok.address, ECHO, '--load-schedule', 'wave']);
    expect(schedule.code).toBe(1);
    expect(schedule.stderr).toContain("--load-schedule must be const, step or line, got 'wave'");
    const duration = await cli(['load', '--plaintext', ok.address, ECHO, '-z', '10 seconds']);
    expect(duration.stderr).toContain("-z must be a duration such as 10s, 500ms or 1m30s, got '10 seconds'");
    const threshold = await cli(['load', '--plaintext', ok.address, ECHO, '--threshold', 'p99<200']);
    expect(threshold.stderr).toContain("give the latency a unit (ms, s or us), e.g. 'p99<200ms'");
    const missing = await cli(['load', '--plaintext', ok.address]);
    expect(missing.stderr).toContain('name the server and the method');
  });
});
