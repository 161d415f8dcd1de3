import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { LoadUiPage } from '../pages/load-ui';
import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';
import { screenshotBothThemes } from '../support/screenshots';

test('a load test of a request: watched as it fills, stopped, run again and compared with the first', async ({
  app,
}, testInfo) => {
  const loupe = new LoupePage(app);
  const load = new LoadUiPage(app);
  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"message": "call {{$seq}}"}');
  await load.button.click();
  await expect(load.panel).toBeVisible();

  // A run that would go on for minutes, at a set rate: it only ends when stopped.
  await load.field('Calls').fill('');
  await load.field('Duration').fill('600');
  await load.field('Concurrency').fill('4');
  await load.schedule.selectOption('const');
  await load.field('Rate').fill('40');
  await expect(load.schedulePreview).toHaveAccessibleName(/constant 40 calls\/s/);
  await load.startButton.click();

  // The histogram fills as snapshots arrive, with every call in a bucket.
  await expect.poll(() => load.histogramCalls(), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(load.button).toHaveText('● Load');
  await expect(load.status('OK')).toBeVisible();
  await expect(load.rpsChart).toBeVisible();
  await screenshotBothThemes(app, testInfo, 'load-live');

  await load.stopButton.click();
  await expect(load.state).toHaveText('Finished', { timeout: 60_000 });
  await expect(load.reportNotes).toContainText('Stopped');
  const firstCalls = Number(((await load.callsCount.textContent()) ?? '').replace(/,/g, ''));
  expect(firstCalls).toBeGreaterThan(0);
  await expect(load.button).toHaveText('Load');

  // The second run ends by itself after its calls, as fast as the workers go.
  await load.field('Calls').fill('200');
  await load.field('Duration').fill('');
  await load.schedule.selectOption('none');
  await load.startButton.click();
  await expect(load.reportNotes).toContainText('All planned calls made', { timeout: 120_000 });
  await expect(load.callsCount).toHaveText('200');
  await screenshotBothThemes(app, testInfo, 'load-finished');

  // Both are kept; ticking the two compares them, the older as the base.
  await load.keptRunsTab.click();
  await expect(load.runRows).toHaveCount(2);
  await load.pickRun(0).check();
  await load.pickRun(1).check();
  await load.compareButton.click();
  await expect(load.comparison).toBeVisible();
  const calls = load.comparisonRow('Calls');
  await expect(calls).toContainText(firstCalls.toLocaleString('en-US'));
  await expect(calls).toContainText('200');
  // Each verdict is said in words, not by colour alone.
  await expect(load.comparisonRow('p99')).toContainText(/better|worse|same/);
  await screenshotBothThemes(app, testInfo, 'load-compare');

  // A kept run opens with its own figures.
  await load.openRun(0).click();
  await expect(load.keptRunHistogram).toHaveAccessibleName(/^Latency histogram: 200 calls/);
});

test('the plan says what is wrong on its field, and comes back for the request after a reload', async ({ app }) => {
  const loupe = new LoupePage(app);
  const load = new LoadUiPage(app);
  await loupe.openMethod('Echo');
  await load.button.click();
  await load.field('Concurrency').fill('2');
  await load.field('Connections').fill('3');
  await load.startButton.click();
  await expect(load.fieldError('Connections')).toContainText('connections cannot exceed concurrency');
  await expect(load.field('Connections')).toHaveAttribute('aria-invalid', 'true');
  await expect(load.state).toBeHidden();

  // Keyboard: the schedule is a plain select; its parameters and preview follow it.
  await load.schedule.focus();
  await load.schedule.selectOption('step');
  await expect(load.field('Step every')).toBeVisible();
  await expect(load.schedulePreview).toHaveAccessibleName(/step from 10 calls\/s by 10 every 5 s/);

  await app.reload();
  await loupe.openMethod('Echo');
  await expect(load.panel).toBeHidden();
  await load.button.click();
  await expect(load.field('Concurrency')).toHaveValue('2');
  await expect(load.schedule).toHaveValue('step');
});

test('the plan exported to k6: one zip with the script, on the tab’s target and rate', async ({ app }) => {
  const loupe = new LoupePage(app);
  const load = new LoadUiPage(app);
  await loupe.openMethod('Echo');
  await load.button.click();
  await load.field('Duration').fill('30');
  await load.schedule.selectOption('const');
  await load.field('Rate').fill('25');
  const download = await load.exportK6();
  expect(download.suggestedFilename()).toMatch(/^load-.*Echo-k6\.zip$/);
  const files = unzipSync(readFileSync(await download.path()));
  const script = Object.keys(files).find((name) => name.endsWith('.js'));
  expect(script, `a script among ${Object.keys(files).join(', ')}`).toBeDefined();
  const text = strFromU8(files[script!]!);
  expect(text).toContain('k6/net/grpc');
  expect(text).toContain('constant-arrival-rate');
  // The demo answers reflection, so the script asks the server for the schema rather than ship it.
  expect(text).toContain('"reflect":true');
});

test('a bidi stream load-tested with messages per stream', async ({ app }) => {
  const loupe = new LoupePage(app);
  const load = new LoadUiPage(app);
  await loupe.openMethod('Chat');
  await loupe.setRequestBody('{"user": "load", "text": "message {{$seq}}"}');
  await load.button.click();
  await load.field('Calls').fill('20');
  await load.field('Duration').fill('');
  await load.field('Concurrency').fill('2');
  await load.field('Messages per stream').fill('3');
  await load.field('Interval between messages').fill('0');
  await load.startButton.click();
  await expect(load.reportNotes).toContainText('All planned calls made', { timeout: 120_000 });
  await expect(load.reportNotes).toContainText('bidi streaming');
  await expect(load.callsCount).toHaveText('20');
  await expect(load.status('OK')).toBeVisible();
});
