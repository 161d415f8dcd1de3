import { startDemoServer, type DemoServer } from '../../electron/core/demo';
import { startConnectProxy, type TestProxy } from '../../electron/core/net/test-support/proxies';
import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';

/* A target set to go through an HTTP CONNECT proxy with credentials: reflection and the call go
 * through it (the proxy counts them), the timeline names it without the password, and a wrong
 * password is told as such. */

const PASSWORD = 'e2e-Proxy-pw';
let demo: DemoServer;
let proxy: TestProxy;

test.beforeAll(async () => {
  demo = await startDemoServer();
  proxy = await startConnectProxy({ auth: { username: 'dev', password: PASSWORD } });
});
test.afterAll(async () => {
  await demo?.stop();
  await proxy?.close();
});

test('reflection and a call go through the proxy set in Connection settings', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.serverAddress.fill(`localhost:${demo.port}`);
  const settings = await loupe.openConnectionSettings();
  await settings.thisProxy.check();
  await settings.proxyUrl.fill(proxy.url);
  await settings.apply();

  await expect(loupe.service('loupe.demo.v1.Demo')).toBeVisible();
  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"message": "via the proxy"}');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  expect(proxy.targets).toContain(`localhost:${demo.port}`);

  await loupe.timeline.tab.click();
  const started = loupe.timeline.eventRow('Started');
  await expect(started).toContainText(`through the proxy http://127.0.0.1:${proxy.port} (from the settings)`);
  await expect(started).not.toContainText(PASSWORD);
});

test('a wrong proxy password is explained as the proxy refusing the credentials', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.serverAddress.fill(`localhost:${demo.port}`);
  const settings = await loupe.openConnectionSettings();
  await settings.thisProxy.check();
  await settings.proxyUrl.fill(proxy.url.replace(PASSWORD, 'not-the-password'));
  await settings.apply();

  await expect(loupe.servicesError).toContainText(/refused the connection \(CONNECT answered 407.*wrong credentials/);
  await expect(loupe.servicesError).not.toContainText('not-the-password');
});
