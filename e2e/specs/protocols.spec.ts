import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoWebServer, type DemoWebServer } from '../../electron/core/demo';
import { LoupePage } from '../pages/loupe-page';
import { WorkspaceUi } from '../pages/workspace-ui';
import { expect, test } from '../support/fixtures';

/* One request over each protocol from the app: the demo's Connect/gRPC-Web server, reflected
 * through gRPC on its port, called over Connect, gRPC-Web text on HTTP/1.1 and gRPC-Web; a bidi
 * call that HTTP/1.1 cannot carry is explained before Send. */

let web: DemoWebServer;
test.beforeAll(async () => {
  web = await startDemoWebServer();
});
test.afterAll(async () => {
  await web?.stop();
});

test('switch the protocol in the connection settings and call Echo over each', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.serverAddress.fill(web.address);
  let settings = await loupe.openConnectionSettings();
  await settings.protocol.selectOption('connect');
  await settings.connectCodec.selectOption('json');
  await settings.apply();
  await expect(loupe.protocolBadge).toHaveText('Connect · JSON');
  await expect(loupe.service('loupe.demo.v1.Demo')).toBeVisible();
  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"message": "over Connect"}');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect.poll(() => loupe.responseText()).toContain('"message": "over Connect"');

  for (const [protocol, httpVersion, badge] of [
    ['grpc-web-text', '1.1', 'gRPC-Web text · HTTP/1.1'],
    ['grpc-web', '2', 'gRPC-Web'],
  ] as const) {
    settings = await loupe.openConnectionSettings();
    await settings.protocol.selectOption(protocol);
    await settings.httpVersion.selectOption(httpVersion);
    await settings.apply();
    await expect(loupe.protocolBadge).toHaveText(badge);
    await loupe.openMethod('Echo');
    await loupe.setRequestBody(`{"message": "over ${badge}"}`);
    await loupe.sendButton.click();
    await expect(loupe.statusBadge).toHaveText('0 OK');
    await expect.poll(() => loupe.responseText()).toContain(`"message": "over ${badge}"`);
  }
});

test('a bidi method over HTTP/1.1 says it needs HTTP/2 before Send', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.serverAddress.fill(web.address);
  const settings = await loupe.openConnectionSettings();
  await settings.protocol.selectOption('grpc-web');
  await settings.httpVersion.selectOption('1.1');
  await settings.apply();
  await expect(loupe.service('loupe.demo.v1.Demo')).toBeVisible();
  await loupe.openMethod('Chat');
  await expect(loupe.protocolLimit).toContainText('cannot carry a bidi-streaming call: it needs HTTP/2');
});

test('Ticker and Chat over Connect: a stream and a conversation from the app', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.serverAddress.fill(web.address);
  const settings = await loupe.openConnectionSettings();
  await settings.protocol.selectOption('connect');
  await settings.apply();
  await expect(loupe.service('loupe.demo.v1.Demo')).toBeVisible();

  await loupe.openMethod('Ticker');
  await loupe.setRequestBody('{"count": 2000, "payloadBytes": 64}');
  await loupe.sendButton.click();
  await expect(loupe.timeline.receivedCount).toHaveText('2,000', { timeout: 60_000 });
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await loupe.timeline.first.click();
  await expect(loupe.timeline.eventRow('Started')).toContainText('over Connect (HTTP/2, application/connect+proto)');

  await loupe.openMethod('Chat');
  await loupe.setRequestBody('{"user": "ann", "text": "one"}');
  await loupe.composer.startStream.click();
  await expect(loupe.timeline.receivedRow(1)).toContainText('ann said: one');
  await loupe.setRequestBody('{"user": "ann", "text": "bye"}');
  await loupe.composer.sendMessage.click();
  await expect(loupe.timeline.state).toHaveText('Finished');
  await expect(loupe.statusBadge).toHaveText('0 OK');
});

test('a saved request keeps its protocol: switched in the settings, saved to disk, called over each', async ({
  app,
}) => {
  const folder = mkdtempSync(join(tmpdir(), 'loupe-ws-protocols-'));
  const file = join(folder, 'requests', 'Echo over the web.json');
  mkdirSync(join(folder, 'requests'), { recursive: true });
  const target = { address: web.address, protocol: 'grpc-web' };
  const body = { message: 'saved' };
  writeFileSync(file, JSON.stringify({ version: 1, target, method: 'loupe.demo.v1.Demo/Echo', body }));
  const loupe = new LoupePage(app);
  const ws = new WorkspaceUi(app);
  await ws.openWorkspace(folder);
  await ws.savedRequest('Echo over the web').click();
  await expect(loupe.protocolBadge).toHaveText('gRPC-Web');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');

  const settings = await loupe.openConnectionSettings();
  await settings.protocol.selectOption('connect');
  await settings.apply();
  await expect(loupe.protocolBadge).toHaveText('Connect');
  await app.keyboard.press('ControlOrMeta+S');
  await expect(loupe.savedTab('Echo over the web')).toBeVisible();
  await expect
    .poll(() => (JSON.parse(readFileSync(file, 'utf8')) as { target: { protocol?: string } }).target.protocol)
    .toBe('connect');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  // The call itself went over Connect, as its Started row says.
  await loupe.responsePart('Timeline').click();
  await expect(loupe.timeline.eventRow('Started')).toContainText('over Connect');
});
