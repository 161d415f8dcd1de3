import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../../e2e/support/chromium';
import type { LoadReport } from '../../../shared/model/load-report';
import { htmlReport } from './html-report';
import { runLoad } from './load-run';
import { plan, prepareDemo, startCountingServer, type CountingServer } from './test-support/load-fixtures';

let server: CountingServer;
let browser: Browser;
let report: LoadReport;
beforeAll(async () => {
  server = await startCountingServer(5);
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  report = await runLoad(
    await prepareDemo(
      server,
      plan({ calls: 60, concurrency: 3, schedule: { kind: 'const', rps: 100 }, thresholds: ['p99<60s', 'errors<1%'] }),
    ),
  );
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the HTML report', () => {
  it('opens in Chromium with its charts, no console errors and no request beyond itself', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loupe-html-'));
    const file = join(dir, 'report.html');
    await writeFile(file, htmlReport(report));
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    const charts = await page
      .locator('svg[data-chart]')
      .evaluateAll((svgs) => svgs.map((s) => s.getAttribute('data-chart')));
    expect(charts).toEqual(['latency-histogram', 'rps-over-time', 'latency-over-time', 'status-codes']);
    // Bars were drawn: one per status code, and histogram bars holding every call.
    expect(await page.locator('svg[data-chart="status-codes"] rect').count()).toBe(2);
    expect(await page.locator('svg[data-chart="latency-histogram"] rect').count()).toBeGreaterThan(0);
    expect(await page.locator('li.fail').innerText()).toContain('errors<1%');
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
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
