import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockUiPage } from '../pages/mock-ui';
import { WorkspaceUi } from '../pages/workspace-ui';
import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';
import { screenshotBothThemes } from '../support/screenshots';

test("a mock of the tab's schema in one click, called from a tab of its own, its call in the log", async ({
  app,
}, testInfo) => {
  const loupe = new LoupePage(app);
  const mock = new MockUiPage(app);
  await loupe.openMethod('Echo');
  const demoAddress = await loupe.serverAddress.inputValue();

  await mock.button.click();
  await expect(mock.panel).toBeVisible();
  await expect(mock.address).toHaveText(/^127\.0\.0\.1:\d+$/);
  const address = (await mock.address.textContent()) ?? '';
  await expect(mock.log).toBeHidden();

  await mock.openTabButton.click();
  await expect(mock.panel).toBeHidden();
  await expect(loupe.serverAddress).toHaveValue(address);
  await expect(loupe.transportBadge).toHaveText('Plaintext');
  await expect(loupe.requestTitle).toHaveText('loupe.demo.v1.Demo.Echo');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  // The method's sample answer (its zero timestamp): the mock answered, not the demo.
  await expect.poll(() => loupe.responseText()).toContain('"receivedAt": "1970-01-01T00:00:00Z"');

  // The button counts the calls; it opens the panel again, where the call is one row.
  await expect(mock.button).toHaveText('● Mock (1)');
  await mock.button.click();
  await expect(mock.logRows).toHaveCount(1);
  await expect(mock.logRows.first()).toContainText('loupe.demo.v1.Demo/Echo');
  await expect(mock.logRows.first()).toContainText('default answer');
  await expect(mock.logRows.first()).toContainText('OK');
  await screenshotBothThemes(app, testInfo, 'mock-running');

  // Keyboard: Escape hides the panel, the button shows it again; Stop ends the mock.
  await mock.stopButton.focus();
  await app.keyboard.press('Escape');
  await expect(mock.panel).toBeHidden();
  await mock.button.focus();
  await app.keyboard.press('Enter');
  await mock.stopButton.focus();
  await app.keyboard.press('Enter');
  await expect(mock.button).toHaveText('Mock');
  await expect(mock.panel).toBeHidden();
  expect(address).not.toBe(demoAddress);
});

test('with a workspace open, the mock answers from its mocks/ folder and names the file it left out', async ({
  app,
}) => {
  const folder = mkdtempSync(join(tmpdir(), 'loupe-ws-mock-'));
  mkdirSync(join(folder, 'mocks'));
  writeFileSync(
    join(folder, 'mocks', 'echo.json'),
    JSON.stringify({
      method: 'loupe.demo.v1.Demo/Echo',
      rules: [{ name: 'greeting', when: { request: { message: 'hi' } }, body: { message: 'from the rule' } }],
    }),
  );
  writeFileSync(join(folder, 'mocks', 'broken.json'), '{ "method": ');
  const loupe = new LoupePage(app);
  const mock = new MockUiPage(app);
  const ws = new WorkspaceUi(app);
  await ws.openWorkspace(folder);
  await ws.sidebarTab('Services').click();
  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"message": "hi"}');

  await mock.button.click();
  await expect(mock.address).toHaveText(/^127\.0\.0\.1:\d+$/);
  await expect(mock.problems).toHaveCount(1);
  await expect(mock.problems.first()).toContainText('broken.json');
  await mock.openTabButton.click();
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect.poll(() => loupe.responseText()).toContain('"message": "from the rule"');
  await mock.button.click();
  await expect(mock.logRows.first()).toContainText('greeting');
});
