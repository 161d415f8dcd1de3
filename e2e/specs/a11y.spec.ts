import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DesignUi } from '../pages/design-ui';
import { LoupePage } from '../pages/loupe-page';
import { MockUiPage } from '../pages/mock-ui';
import { ScriptsUi } from '../pages/scripts-ui';
import { WorkspaceUi } from '../pages/workspace-ui';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';

// axe-core on every main screen, in both themes: no serious or critical violation may remain.

/** A workspace with one saved Echo request against the demo server, and an environment. */
function workspace(demoAddress: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'loupe-a11y-'));
  mkdirSync(join(folder, 'requests'), { recursive: true });
  writeFileSync(
    join(folder, 'requests', 'Echo.json'),
    JSON.stringify({
      version: 1,
      target: { address: demoAddress },
      method: 'loupe.demo.v1.Demo/Echo',
      body: { message: 'hi' },
    }),
  );
  mkdirSync(join(folder, 'environments'), { recursive: true });
  writeFileSync(
    join(folder, 'environments', 'staging.json'),
    JSON.stringify({ version: 1, variables: [{ name: 'host', value: 'staging.internal:443' }] }),
  );
  return folder;
}

test('the main window at start, with the first-run hint', async ({ app }) => {
  const loupe = new LoupePage(app);
  const design = new DesignUi(app);
  await expect(loupe.method('Echo')).toBeVisible();
  await expect(design.firstRunHint).toBeVisible();
  await expectAccessible(app, 'the main window at start');
});

test('the main window after a unary call', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('GetSample');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect.poll(() => loupe.responseText()).toContain('{');
  await expectAccessible(app, 'a unary call');
  await loupe.responsePart('Headers').click();
  await expectAccessible(app, 'the response headers');
});

test('a failed call and its explanation', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"message": 12');
  await loupe.sendButton.click();
  await expect(loupe.callExplanation.first()).toBeVisible();
  await expectAccessible(app, 'a failed call');
});

test('a bidi stream with its timeline', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Chat');
  await loupe.setRequestBody('{"user": "ann", "text": "hello"}');
  await loupe.composer.startStream.click();
  await expect(loupe.timeline.receivedCount).toHaveText('1');
  await loupe.timeline.receivedRow(1).click();
  await expect.poll(() => loupe.timeline.detailText()).toContain('hello');
  await expectAccessible(app, 'a stream and its timeline');
});

test('the connection settings dialog', async ({ app }) => {
  const loupe = new LoupePage(app);
  await expect(loupe.method('Echo')).toBeVisible();
  await loupe.openConnectionSettings();
  await expectAccessible(app, 'the connection settings');
});

test('the palette and the shortcut help', async ({ app }) => {
  const loupe = new LoupePage(app);
  const design = new DesignUi(app);
  await expect(loupe.method('Echo')).toBeVisible();
  await loupe.openPalette();
  await expectAccessible(app, 'the palette');
  await app.keyboard.press('Escape');
  await expect(loupe.palette).toBeHidden();
  await app.keyboard.press('?');
  await expect(design.shortcutHelp).toBeVisible();
  await expectAccessible(app, 'the shortcut help');
});

test('collections, the environment editor and history', async ({ app, browserMode }) => {
  const loupe = new LoupePage(app);
  const ws = new WorkspaceUi(app);
  await expect(loupe.method('Echo')).toBeVisible();
  await ws.openWorkspace(workspace(browserMode.demoAddress));
  await expect(ws.savedRequest('Echo')).toBeVisible();
  await expectAccessible(app, 'the collections');
  await ws.editEnvironments.click();
  await expect(ws.environmentsDialog).toBeVisible();
  await expectAccessible(app, 'the environment editor');
  await app.keyboard.press('Escape');
  await ws.savedRequest('Echo').click();
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await ws.sidebarTab('History').click();
  await expect(ws.historyEntries.first()).toBeVisible();
  await expectAccessible(app, 'the history');
});

test('the script part and the tests tab', async ({ app }) => {
  const loupe = new LoupePage(app);
  const scripts = new ScriptsUi(app);
  await loupe.openMethod('Echo');
  await scripts.scriptPart.click();
  await expect(scripts.scriptUnsaved).toBeVisible();
  await expectAccessible(app, 'the script part');
  await scripts.bodyPart.click();
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await scripts.testsPart.click();
  await expect(scripts.testsPanel).toBeVisible();
  await expectAccessible(app, 'the tests tab');
});

test('the drift view', async ({ app }) => {
  const loupe = new LoupePage(app);
  await expect(loupe.method('Echo')).toBeVisible();
  await loupe.drift.sidebarTab.click();
  await expect(loupe.drift.region).toBeVisible();
  await expectAccessible(app, 'the drift view');
});

test('the mock server and its log', async ({ app }) => {
  const loupe = new LoupePage(app);
  const mock = new MockUiPage(app);
  await loupe.openMethod('Echo');
  await mock.button.click();
  await expect(mock.address).toHaveText(/^127\.0\.0\.1:\d+$/);
  await mock.openTabButton.click();
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await mock.button.click();
  await expect(mock.logRows).toHaveCount(1);
  await expectAccessible(app, 'the mock log');
});
