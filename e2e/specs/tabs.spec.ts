import { join } from 'node:path';
import type { WebSocket } from '@playwright/test';
import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';
import { screenshotBothThemes } from '../support/screenshots';

test('each tab keeps its own request, call and response', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"message": "x", "fail": {"code": 5, "message": "no such thing"}}');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('5 NOT_FOUND');

  // The Echo tab made a call, so GetSample opens in a new tab rather than replacing it.
  await loupe.openMethod('GetSample');
  await expect(loupe.allRequestTabs).toHaveCount(2);
  await expect(loupe.requestTab('GetSample')).toHaveAttribute('aria-selected', 'true');
  await expect(loupe.statusBadge).toBeHidden();
  await loupe.setRequestBody('{"name": "second tab"}');
  await loupe.deadline.fill('5');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect.poll(() => loupe.responseText()).toContain('"name": "second tab"');

  await loupe.requestTab('Echo').click();
  await expect(loupe.requestTitle).toHaveText('loupe.demo.v1.Demo.Echo');
  await expect(loupe.statusBadge).toHaveText('5 NOT_FOUND');
  await expect(loupe.statusMessage).toHaveText('no such thing');
  await expect(loupe.deadline).toHaveValue('');
  await expect.poll(() => loupe.requestText()).toContain('no such thing');

  // Keyboard: arrows move focus along the strip, Enter shows the focused tab.
  await loupe.requestTab('Echo').focus();
  await app.keyboard.press('ArrowRight');
  await expect(loupe.requestTab('GetSample')).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(loupe.requestTab('GetSample')).toHaveAttribute('aria-selected', 'true');
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect(loupe.deadline).toHaveValue('5');
  await expect.poll(() => loupe.responseText()).toContain('"name": "second tab"');
});

test('the tab shown is always in view, however many tabs overflow the strip', async ({ app }, testInfo) => {
  await app.setViewportSize({ width: 900, height: 700 });
  const loupe = new LoupePage(app);
  await loupe.openMethod('Echo');
  for (let i = 0; i < 12; i++) await loupe.newTabButton.click();
  await expect(loupe.allRequestTabs).toHaveCount(13);
  // The newest tab is shown, and all of it is in view.
  await expect(loupe.activeRequestTab).toBeInViewport({ ratio: 1 });

  // Showing the first tab again (keyboard: Home, then Enter) brings it back into view.
  await loupe.activeRequestTab.focus();
  await app.keyboard.press('Home');
  await app.keyboard.press('Enter');
  await expect(loupe.requestTab('Echo')).toHaveAttribute('aria-selected', 'true');
  await expect(loupe.activeRequestTab).toBeInViewport({ ratio: 1 });

  // A method opened from the service tree in a new tab: that tab is shown, in view.
  await loupe.setRequestBody('{"message": "edited, so the next method opens in a new tab"}');
  await loupe.openMethod('GetSample');
  await expect(loupe.requestTab('GetSample')).toHaveAttribute('aria-selected', 'true');
  await expect(loupe.activeRequestTab).toBeInViewport({ ratio: 1 });
  await screenshotBothThemes(app, testInfo, 'tabs-overflow');
});

test('an untouched tab is reused; tabs close with their button, Ctrl+W and middle-click', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Echo');
  await loupe.openMethod('GetSample'); // Echo was untouched: same tab
  await expect(loupe.allRequestTabs).toHaveCount(1);
  await expect(loupe.requestTab('GetSample')).toBeVisible();

  await loupe.newTabButton.click();
  await expect(loupe.requestTab('New tab')).toHaveAttribute('aria-selected', 'true');
  await loupe.openMethod('Echo'); // fills the new, empty tab
  await loupe.setRequestBody('{"message": "edited"}');
  await loupe.openMethod('Mirror'); // Echo was edited: a new tab
  await expect(loupe.allRequestTabs).toHaveCount(3);

  await loupe.closeTabButton('Mirror').click();
  await expect(loupe.allRequestTabs).toHaveCount(2);
  await expect(loupe.requestTab('Echo')).toHaveAttribute('aria-selected', 'true');

  await loupe.methodFilter.focus();
  await app.keyboard.press('ControlOrMeta+W');
  await expect(loupe.allRequestTabs).toHaveCount(1);
  await expect(loupe.requestTitle).toHaveText('loupe.demo.v1.Demo.GetSample');

  await loupe.requestTab('GetSample').click({ button: 'middle' });
  await expect(loupe.requestTab('New tab')).toBeVisible();
  await expect(loupe.allRequestTabs).toHaveCount(1);
});

test('tabs and their edited requests come back after a reload', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"message": "kept across reloads"}');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await loupe.openMethod('GetSample');
  await loupe.setRequestBody('{"name": "also kept"}');
  await loupe.deadline.fill('3');

  await app.reload();
  await expect(loupe.allRequestTabs).toHaveCount(2);
  await expect(loupe.requestTab('GetSample')).toHaveAttribute('aria-selected', 'true');
  await expect(loupe.requestTitle).toHaveText('loupe.demo.v1.Demo.GetSample');
  await expect.poll(() => loupe.requestText()).toContain('"name": "also kept"');
  await expect(loupe.deadline).toHaveValue('3');
  // Responses are not restored.
  await expect(loupe.statusBadge).toBeHidden();

  await loupe.requestTab('Echo').click();
  await expect.poll(() => loupe.requestText()).toContain('"message": "kept across reloads"');
});

test('garbage in the saved tabs is ignored', async ({ app }) => {
  const loupe = new LoupePage(app);
  await expect(loupe.method('Echo')).toBeVisible();
  await app.evaluate(() => localStorage.setItem('loupe.tabs', '{"v": 1, "tabs": [{"method": 7}, "junk"'));
  await app.reload();
  await expect(loupe.requestTab('New tab')).toBeVisible();
  await loupe.openMethod('Echo');
  await expect(loupe.requestTab('Echo')).toBeVisible();
});

/** The ids of call.open subscriptions and of cancels the page sends over the engine's WebSocket. */
function watchSocket(socket: WebSocket) {
  const opened = new Map<string, number>();
  const cancelled = new Set<number>();
  socket.on('framesent', ({ payload }) => {
    const parsed: unknown = JSON.parse(typeof payload === 'string' ? payload : payload.toString());
    for (const msg of (Array.isArray(parsed) ? parsed : [parsed]) as Array<Record<string, unknown>>) {
      const input = msg.input as { method?: string } | undefined;
      if (msg.t === 'sub' && msg.method === 'call.open' && input?.method) opened.set(input.method, msg.id as number);
      if (msg.t === 'cancel') cancelled.add(msg.id as number);
    }
  });
  return { opened, cancelled };
}

test('a stream keeps running in its tab while another tab is used, and closing its tab cancels it', async ({
  app,
}, testInfo) => {
  const loupe = new LoupePage(app);
  // The fixture's page connected before we could listen: once it is up, reload and watch the new socket.
  await expect(loupe.method('Echo')).toBeVisible();
  const [socket] = await Promise.all([app.waitForEvent('websocket'), app.reload()]);
  const frames = watchSocket(socket);

  await loupe.openMethod('Ticker');
  // Ticks for over half an hour: still running at every step below, however slow the machine;
  // closing its tab is what ends it.
  await loupe.setRequestBody('{"count": 100000, "intervalMs": 20}');
  await loupe.sendButton.click();
  await expect(loupe.requestTab('Ticker')).toHaveAccessibleName('Ticker (running)');
  await expect(loupe.responsePart(/^Response \(\d+\)$/)).toBeVisible();

  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"message": "while the ticker ticks"}');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect(loupe.requestTab('Echo')).toHaveAccessibleName('Echo');
  await expect(loupe.requestTab('Ticker')).toHaveAccessibleName('Ticker (running)');

  await loupe.requestTab('Ticker').click();
  const responseCount = async () => Number((await loupe.responsePart('Response').innerText()).match(/\d+/)?.[0] ?? 0);
  const seen = await responseCount();
  await expect.poll(responseCount).toBeGreaterThan(seen);
  await expect(loupe.composer.cancel).toBeVisible();

  await app.emulateMedia({ colorScheme: 'light' });
  await app.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', 'tabs-light.png') });
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', 'tabs-dark.png') });

  const tickerSub = frames.opened.get('loupe.demo.v1.Demo.Ticker');
  expect(tickerSub).toBeDefined();
  expect(frames.cancelled.has(tickerSub!)).toBe(false);
  await loupe.closeTabButton('Ticker').click();
  await expect(loupe.allRequestTabs).toHaveCount(1);
  await expect.poll(() => frames.cancelled.has(tickerSub!)).toBe(true);
  // The other tab and its response are untouched.
  await expect(loupe.requestTab('Echo')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => loupe.responseText()).toContain('while the ticker ticks');
});
