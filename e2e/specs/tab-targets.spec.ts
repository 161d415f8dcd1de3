import { startDemoServer, type DemoServer } from '../../electron/core/demo';
import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';

/** A second server in the test process, so the spec can see which calls reach it (its stats). */
let second: DemoServer;

test.beforeAll(async () => {
  second = await startDemoServer({ host: '127.0.0.1' });
});

test.afterAll(async () => {
  await second?.stop();
});

test('each tab has its own server: header, service tree and calls follow the shown tab, and survive a reload', async ({
  app,
}) => {
  const loupe = new LoupePage(app);
  await expect(loupe.method('Echo')).toBeVisible();
  const demoAddress = await loupe.serverAddress.inputValue();
  expect(demoAddress).not.toBe(second.address);

  // Tab 1: Echo on browser mode's demo server.
  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"message": "to the first server"}');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');

  // Tab 2 starts on tab 1's server; point it at the second server and tick there.
  await loupe.newTabButton.click();
  await expect(loupe.serverAddress).toHaveValue(demoAddress);
  await loupe.serverAddress.fill(second.address);
  await loupe.reflectButton.click();
  await loupe.openMethod('Ticker');
  await loupe.setRequestBody('{"count": 3, "intervalMs": 1}');
  const ticksBefore = second.stats.ticksSent;
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  expect(second.stats.ticksSent).toBe(ticksBefore + 3);

  // Tab 3: a server that is not there; its service tree says so, the other tabs are unaffected.
  await loupe.newTabButton.click();
  await expect(loupe.serverAddress).toHaveValue(second.address);
  await loupe.serverAddress.fill('127.0.0.1:1');
  await loupe.reflectButton.click();
  await expect(loupe.servicesError).toContainText(/refused|unavailable|reach/i);

  // Showing a tab shows its server and its schema.
  await loupe.requestTab('Echo').click();
  await expect(loupe.serverAddress).toHaveValue(demoAddress);
  await expect(loupe.servicesError).toBeHidden();
  await expect(loupe.method('Echo')).toBeVisible();
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  // Tab 1's call went to its own server, not the second one.
  expect(second.stats.ticksSent).toBe(ticksBefore + 3);

  await loupe.requestTab('Ticker').click();
  await expect(loupe.serverAddress).toHaveValue(second.address);
  await expect(loupe.method('Ticker')).toBeVisible();
  await loupe.requestTab('New tab').click();
  await expect(loupe.serverAddress).toHaveValue('127.0.0.1:1');
  await expect(loupe.servicesError).toBeVisible();

  // After a reload every tab still has its own server.
  await app.reload();
  await expect(loupe.requestTab('New tab')).toHaveAttribute('aria-selected', 'true');
  await expect(loupe.serverAddress).toHaveValue('127.0.0.1:1');
  await expect(loupe.servicesError).toContainText(/refused|unavailable|reach/i);
  await loupe.requestTab('Echo').click();
  await expect(loupe.serverAddress).toHaveValue(demoAddress);
  await expect(loupe.method('Echo')).toBeVisible();
  await loupe.requestTab('Ticker').click();
  await expect(loupe.serverAddress).toHaveValue(second.address);
  await expect(loupe.requestBodyEditor).toBeVisible();
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  expect(second.stats.ticksSent).toBe(ticksBefore + 6);

  // The second server goes away: its tab fails, the first server's tab still works.
  second.kill();
  await second.stop();
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('14 UNAVAILABLE');
  await loupe.requestTab('Echo').click();
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
});

test('a reopened window asks for its shown tab’s schema together with app.info, not after its answer', async ({
  app,
}) => {
  const loupe = new LoupePage(app);
  await expect(loupe.method('Echo')).toBeVisible();
  await loupe.openMethod('Echo');
  // What the page says to the engine after a reload, and when the first answer came, in order.
  const order: string[] = [];
  app.on('websocket', (socket) => {
    socket.on('framesent', (frame) => {
      const method = (JSON.parse(String(frame.payload)) as { method?: string }).method;
      if (method) order.push(method);
    });
    socket.on('framereceived', () => {
      if (!order.includes('(first answer)')) order.push('(first answer)');
    });
  });
  await app.reload();
  await expect(loupe.method('Echo')).toBeVisible();
  expect(order.slice(0, 3)).toEqual(['app.info', 'schema.load', '(first answer)']);
});
