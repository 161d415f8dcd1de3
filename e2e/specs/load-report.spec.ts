import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '../support/fixtures';
import { LoadReportPage } from '../pages/load-report-page';
import { startCountingServer, type CountingServer } from '../../electron/core/load/test-support/load-fixtures';

// The report page `loupe load --html` writes, opened in Chromium as a user opens the file.
const ROOT = join(__dirname, '..', '..');
let server: CountingServer;
test.beforeAll(async () => {
  server = await startCountingServer(5);
});
test.afterAll(async () => {
  await server?.stop();
});

function loupeLoad(args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/cli.cjs'), 'load', ...args], {
      stdio: 'ignore',
      env: { ...process.env, LOUPE_DATA_DIR: mkdtempSync(join(tmpdir(), 'loupe-e2e-load-data-')) },
    });
    child.on('close', resolve);
  });
}

test('the HTML report opens with its charts, no console error and no request beyond itself', async ({
  chromiumBrowser,
}) => {
  const file = join(mkdtempSync(join(tmpdir(), 'loupe-e2e-load-')), 'report.html');
  const code = await loupeLoad([
    '--plaintext',
    server.address,
    'loupe.demo.v1.Demo/Echo',
    '-n',
    '60',
    '-c',
    '3',
    '--rps',
    '100',
    '--threshold',
    'errors<1%',
    '--html',
    file,
  ]);
  expect(code).toBe(2); // every 5th call fails: the threshold is missed
  const page = await chromiumBrowser.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  const report = new LoadReportPage(page);
  await expect(report.charts).toHaveCount(4);
  await expect(report.latencyHistogram).toBeVisible();
  await expect(report.rpsOverTime).toBeVisible();
  await expect(report.latencyOverTime).toBeVisible();
  // One bar per status code seen: OK and UNAVAILABLE.
  await expect(report.bars(report.statusCodes)).toHaveCount(2);
  expect(await report.bars(report.latencyHistogram).count()).toBeGreaterThan(0);
  await expect(report.failedThresholds).toContainText('errors<1%');
  expect(problems).toEqual([]);
  expect(requests).toEqual([pathToFileURL(file).href]);
  await page.close();
});
