import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoupePage } from '../pages/loupe-page';
import { WorkspaceUi } from '../pages/workspace-ui';
import { expect, test } from '../support/fixtures';
import { freePort, startAppSession, type AppSession } from '../support/workspace-fixtures';

const shots = (name: string) => join(__dirname, '..', '..', 'test-results', 'screenshots', `${name}.png`);

test('a saved request is written to disk and is there again after a restart', async ({
  chromiumBrowser: browser,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'restarts browser mode with the same data folder');
  const dataDir = mkdtempSync(join(tmpdir(), 'loupe-ws-data-'));
  const folder = join(mkdtempSync(join(tmpdir(), 'loupe-ws-')), 'my workspace');
  const port = await freePort();
  let session: AppSession | undefined;
  try {
    session = await startAppSession(browser, dataDir, port);
    let loupe = new LoupePage(session.page);
    let ws = new WorkspaceUi(session.page);

    await ws.openWorkspace(folder);
    await expect(ws.collections).toContainText('No saved requests yet');
    await ws.sidebarTab('Services').click();
    await loupe.openMethod('Echo');
    await loupe.setRequestBody('{"message": "saved body"}');
    await session.page.keyboard.press('ControlOrMeta+S');
    await expect(ws.saveDialog).toBeVisible();
    await ws.saveName.fill('Echo saved');
    await ws.dialogButton(ws.saveDialog, 'Save').click();
    await expect(ws.saveDialog).toBeHidden();
    await expect(loupe.savedTab('Echo saved')).toBeVisible();

    const file = join(folder, 'requests', 'Echo saved.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      version: 1,
      method: 'loupe.demo.v1.Demo/Echo',
      body: '{"message": "saved body"}',
    });

    // An edit marks the tab; saving again writes the file and clears the mark.
    await loupe.setRequestBody('{"message": "edited"}');
    await expect(loupe.savedTab('Echo saved', 'unsaved')).toBeVisible();
    await session.page.keyboard.press('ControlOrMeta+S');
    await expect(loupe.savedTab('Echo saved')).toBeVisible();
    await expect.poll(() => JSON.parse(readFileSync(file, 'utf8')).body).toBe('{"message": "edited"}');
    await ws.sidebarTab('Collections').click();
    await expect(ws.savedRequest('Echo saved')).toBeVisible();
    await session.page.screenshot({ path: shots('workspace-collections-light') });

    // Restart: the same data folder and origin, a new page.
    const storage = await session.quit();
    session = await startAppSession(browser, dataDir, port, storage);
    loupe = new LoupePage(session.page);
    ws = new WorkspaceUi(session.page);
    await loupe.closeTabButton('Echo saved').click();
    await ws.sidebarTab('Collections').click();
    await ws.savedRequest('Echo saved').click();
    await expect(loupe.savedTab('Echo saved')).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => loupe.requestText()).toContain('"message": "edited"');
    // The saved target is the first run's demo server (the restarted one listens elsewhere).
    await expect(loupe.savedTab('Echo saved')).toHaveCount(1);
    await session.page.emulateMedia({ colorScheme: 'dark' });
    await session.page.screenshot({ path: shots('workspace-collections-dark') });
  } finally {
    // Stops `loupe web` also when a step failed; the worker's browser stays for the next test.
    await session?.quit().catch(() => undefined);
  }
});

test('a pasted grpcurl command becomes a tab; a command it cannot read says why', async ({ app, browserMode }) => {
  const loupe = new LoupePage(app);
  const ws = new WorkspaceUi(app);
  await ws.requestMenu.click();
  await ws.menuItem('Paste grpcurl command…').click();
  await ws.pasteInput.fill('grpcurl -plaintext localhost:1');
  await ws.dialogButton(ws.pasteDialog, 'Create tab').click();
  await expect(ws.pasteError).toContainText('Expected an address and a method');
  await ws.pasteInput.fill(
    `grpcurl -plaintext -H 'x-trace: abc' -d '{"message": "pasted"}' ${browserMode.demoAddress} loupe.demo.v1.Demo/Echo`,
  );
  await app.screenshot({ path: shots('workspace-paste-light') });
  await ws.dialogButton(ws.pasteDialog, 'Create tab').click();
  await expect(ws.pasteDialog).toBeHidden();
  await expect(loupe.requestTab('Echo')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => loupe.requestText()).toContain('"message": "pasted"');
  await expect(loupe.metadataName(1)).toHaveValue('x-trace');
  await expect(loupe.metadataValue(1)).toHaveValue('abc');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
});

test('changes made on disk by others show at once, and unreadable files are named with their line', async ({
  app,
  browserMode,
}) => {
  const folder = mkdtempSync(join(tmpdir(), 'loupe-ws-ext-'));
  const ws = new WorkspaceUi(app);
  await ws.openWorkspace(folder);
  expect(existsSync(join(folder, 'loupe.workspace.json'))).toBe(true);
  writeFileSync(
    join(folder, 'requests', 'From editor.json'),
    JSON.stringify(
      {
        version: 1,
        target: { address: browserMode.demoAddress },
        method: 'loupe.demo.v1.Demo/GetSample',
        body: { name: 'x' },
      },
      null,
      2,
    ),
  );
  await expect(ws.savedRequest('From editor')).toBeVisible();
  // Open, then changed on disk again: the tab (without unsaved changes) shows the new version.
  const loupe = new LoupePage(app);
  await ws.savedRequest('From editor').click();
  await expect.poll(() => loupe.requestText()).toContain('"x"');
  writeFileSync(
    join(folder, 'requests', 'From editor.json'),
    JSON.stringify(
      {
        version: 1,
        target: { address: browserMode.demoAddress },
        method: 'loupe.demo.v1.Demo/GetSample',
        body: { name: 'pulled' },
      },
      null,
      2,
    ),
  );
  await expect.poll(() => loupe.requestText()).toContain('"pulled"');
  writeFileSync(join(folder, 'requests', 'Broken.json'), '{\n  "version": 1,\n  "method": \n}\n');
  await expect(ws.problems).toContainText('requests/Broken.json:4:1');
  await expect(ws.savedRequest('From editor')).toBeVisible();
  await app.screenshot({ path: shots('workspace-problems-light') });
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot({ path: shots('workspace-problems-dark') });
});
