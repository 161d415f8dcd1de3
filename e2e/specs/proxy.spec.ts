import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { demoDescriptorSet, startDemoServer, type DemoServer } from '../../electron/core/demo';
import { startConnectProxy, type TestProxy } from '../../electron/core/net/test-support/proxies';
import { LoupePage } from '../pages/loupe-page';
import { WorkspaceUi } from '../pages/workspace-ui';
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

test("an environment's proxy, its password a secret, carries the environment's calls", async ({ app }) => {
  const folder = mkdtempSync(join(tmpdir(), 'loupe-proxy-env-'));
  mkdirSync(join(folder, 'requests'), { recursive: true });
  const protoset = join(folder, 'demo.binpb');
  writeFileSync(protoset, toBinary(FileDescriptorSetSchema, demoDescriptorSet()));
  const target = { address: `localhost:${demo.port}`, schema: { reflection: false, protosets: [protoset] } };
  writeFileSync(
    join(folder, 'requests', 'Echo.json'),
    JSON.stringify({ version: 1, target, method: 'loupe.demo.v1.Demo/Echo', body: { message: 'via env proxy' } }),
  );
  const loupe = new LoupePage(app);
  const ws = new WorkspaceUi(app);
  await ws.openWorkspace(folder);

  await ws.editEnvironments.click();
  await ws.newEnvironmentName.fill('corp');
  await ws.dialogButton(ws.environmentsDialog, 'Add').click();
  await ws.environmentProxy.fill(`http://dev:{{proxyPassword}}@127.0.0.1:${proxy.port}`);
  await ws.variable(1, 'name').fill('proxyPassword');
  await ws.variable(1, 'is secret').check();
  await ws.variable(1, 'secret value').fill(PASSWORD);
  await ws.dialogButton(ws.environmentsDialog, 'Save').click();
  await expect(ws.environmentsDialog).toContainText('stored on this computer');
  await ws.dialogButton(ws.environmentsDialog, 'Close').click();
  const saved = readFileSync(join(folder, 'environments', 'corp.json'), 'utf8');
  expect(saved).toContain(`"proxy": "http://dev:{{proxyPassword}}@127.0.0.1:${proxy.port}"`);
  expect(saved).not.toContain(PASSWORD);

  await ws.savedRequest('Echo').click();
  await ws.environment.selectOption('corp');
  // Bytes, not tunnels: the first test's connection through this proxy (same target, same
  // proxy URL once the secret is in) may still be open, and carries this call too.
  const before = proxy.bytesUp;
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  expect(proxy.bytesUp).toBeGreaterThan(before);
});
