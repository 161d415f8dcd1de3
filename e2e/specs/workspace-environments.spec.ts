import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { demoDescriptorSet, startDemoServer } from '../../electron/core/demo';
import { LoupePage } from '../pages/loupe-page';
import { WorkspaceUi } from '../pages/workspace-ui';
import { expect, test } from '../support/fixtures';

const shots = (name: string) => join(__dirname, '..', '..', 'test-results', 'screenshots', `${name}.png`);

test('the environment decides which server answers; a missing variable is named; calls land in History', async ({
  app,
  browserMode,
}) => {
  const second = await startDemoServer({ host: '127.0.0.1', port: 0 });
  try {
    const folder = mkdtempSync(join(tmpdir(), 'loupe-ws-env-'));
    // The request's schema comes from a protoset, so it does not depend on which server answers.
    mkdirSync(join(folder, 'requests'), { recursive: true });
    const protoset = join(folder, 'demo.binpb');
    writeFileSync(protoset, toBinary(FileDescriptorSetSchema, demoDescriptorSet()));
    const target = { address: '{{addr}}', schema: { reflection: false, protosets: [protoset] } };
    writeFileSync(
      join(folder, 'requests', 'Echo by env.json'),
      JSON.stringify({ version: 1, target, method: 'loupe.demo.v1.Demo/Echo', body: { message: 'which server?' } }),
    );
    mkdirSync(join(folder, 'environments'), { recursive: true });
    writeFileSync(
      join(folder, 'environments', 'second.json'),
      JSON.stringify({ version: 1, variables: [{ name: 'addr', value: second.address }] }),
    );

    const loupe = new LoupePage(app);
    const ws = new WorkspaceUi(app);
    await ws.openWorkspace(folder);

    // The first environment is made in the editor, with a secret beside the address.
    await ws.editEnvironments.click();
    await ws.newEnvironmentName.fill('first');
    await ws.dialogButton(ws.environmentsDialog, 'Add').click();
    await expect(ws.environmentInEditor('first')).toHaveAttribute('aria-current', 'true');
    await expect(ws.variable(1, 'name')).toHaveValue('');
    await ws.variable(1, 'name').fill('addr');
    await ws.variable(1, 'value').fill(browserMode.demoAddress);
    await ws.dialogButton(ws.environmentsDialog, 'Add variable').click();
    await ws.variable(2, 'name').fill('token');
    await ws.variable(2, 'is secret').check();
    await ws.variable(2, 'secret value').fill('s3cret');
    // Leaving with unsaved edits discards them, and says so; once saved, the dialog just closes.
    await expect(ws.dialogButton(ws.environmentsDialog, 'Cancel')).toBeVisible();
    await ws.dialogButton(ws.environmentsDialog, 'Save').click();
    await expect(ws.environmentsDialog).toContainText('stored on this computer');
    await expect(ws.dialogButton(ws.environmentsDialog, 'Close')).toBeVisible();
    await expect(ws.dialogButton(ws.environmentsDialog, 'Cancel')).toHaveCount(0);
    await expect(ws.variable(2, 'secret value')).toHaveValue('');
    await app.screenshot({ path: shots('workspace-environments-light') });
    await app.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot({ path: shots('workspace-environments-dark') });
    await app.emulateMedia({ colorScheme: 'light' });
    await ws.dialogButton(ws.environmentsDialog, 'Close').click();

    await ws.savedRequest('Echo by env').click();
    await expect(loupe.savedTab('Echo by env')).toHaveAttribute('aria-selected', 'true');

    await ws.environment.selectOption({ label: 'No environment' });
    await loupe.sendButton.click();
    await expect(loupe.callExplanation).toContainText("Variable 'addr'");

    await ws.environment.selectOption('second');
    await loupe.sendButton.click();
    await expect(loupe.statusBadge).toHaveText('0 OK');
    // Only the second server is stopped: "second" now fails, "first" still answers.
    await second.stop();
    await loupe.sendButton.click();
    await expect(loupe.statusBadge).toHaveText('14 UNAVAILABLE');
    await ws.environment.selectOption('first');
    await loupe.sendButton.click();
    await expect(loupe.statusBadge).toHaveText('0 OK');

    // History: newest first, searchable, and a click reopens the call as a new tab.
    await ws.sidebarTab('History').click();
    await expect(ws.historyEntries.first()).toContainText('Demo/Echo');
    await expect(ws.historyEntries.first()).toContainText('OK');
    await expect(ws.historyEntries.nth(1)).toContainText('UNAVAILABLE');
    // The second server's calls: the OK one and, newest first, the one after it stopped.
    await ws.historySearch.fill(second.address);
    await expect(ws.historyEntries).toHaveCount(2);
    await expect(ws.historyEntries.first()).toContainText('UNAVAILABLE');
    await app.screenshot({ path: shots('history-light') });
    await app.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot({ path: shots('history-dark') });
    await ws.historyEntries.first().click();
    await expect(loupe.requestTab('Echo')).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => loupe.requestText()).toContain('which server?');
    await expect(loupe.allRequestTabs).toHaveCount(2);

    await ws.historySearch.fill('');
    await ws.clearHistoryButton.click();
    await ws.dialogButton(ws.confirmDialog, 'Clear history').click();
    await expect(ws.history).toContainText('Calls you make appear here.');
  } finally {
    await second.stop().catch(() => undefined);
  }
});

test('a saved request whose address is a variable loads its schema by reflection in the chosen environment', async ({
  app,
  browserMode,
}) => {
  const folder = mkdtempSync(join(tmpdir(), 'loupe-ws-reflect-'));
  mkdirSync(join(folder, 'requests'), { recursive: true });
  mkdirSync(join(folder, 'environments'), { recursive: true });
  writeFileSync(
    join(folder, 'requests', 'Echo here.json'),
    JSON.stringify({
      version: 1,
      target: { address: '{{addr}}' },
      method: 'loupe.demo.v1.Demo/Echo',
      body: { message: 'hi' },
    }),
  );
  writeFileSync(
    join(folder, 'environments', 'local.json'),
    JSON.stringify({ version: 1, variables: [{ name: 'addr', value: browserMode.demoAddress }] }),
  );

  const loupe = new LoupePage(app);
  const ws = new WorkspaceUi(app);
  await ws.openWorkspace(folder);
  await ws.environment.selectOption('local');
  await ws.savedRequest('Echo here').click();
  await expect(loupe.requestTitle).toHaveText('loupe.demo.v1.Demo.Echo');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await ws.sidebarTab('Services').click();
  await expect(loupe.method('Ticker')).toBeVisible();
});
