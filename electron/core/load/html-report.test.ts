import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadReport } from '../../../shared/model/load-report';
import { htmlReport } from './html-report';
import { runLoad } from './load-run';
import { plan, prepareDemo, startCountingServer, type CountingServer } from './test-support/load-fixtures';

let server: CountingServer;
let report: LoadReport;
beforeAll(async () => {
  server = await startCountingServer(5);
  report = await runLoad(
    await prepareDemo(
      server,
      plan({ calls: 60, concurrency: 3, schedule: { kind: 'const', rps: 100 }, thresholds: ['p99<60s', 'errors<1%'] }),
    ),
  );
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe('the HTML report', () => {
  it('draws its four charts inline, nothing to fetch (opened in Chromium by e2e/specs/load-report.spec.ts)', () => {
    const html = htmlReport(report);
    expect([...html.matchAll(/data-chart="([\w-]+)"/g)].map((m) => m[1])).toEqual([
      'latency-histogram',
      'rps-over-time',
      'latency-over-time',
      'status-codes',
    ]);
    expect(html).not.toMatch(/<script|src=|href=/);
  });

  it('escapes what a server said: an error message is text, not markup', () => {
    const hostile = {
      ...report,
      firstErrors: [{ code: 'INTERNAL', message: '<script>alert(1)</script>', count: 1 }],
    };
    const html = htmlReport(hostile);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&#60;script&#62;');
  });
});
