import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoupePage } from '../pages/loupe-page';
import { WorkspaceUi } from '../pages/workspace-ui';
import { expect, test } from '../support/fixtures';
import { holdAnswers } from '../support/hold-answers';
import { freePort } from '../support/workspace-fixtures';

const shots = (name: string) => join(__dirname, '..', '..', 'test-results', 'screenshots', `${name}.png`);
const bodyOnDisk = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8')).body;
/** What `git pull` does to a saved request: another body, written in place. */
const pull = (file: string, message: string) => {
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file, JSON.stringify({ ...saved, body: `{"message": "${message}"}` }, null, 2) + '\n');
};

test('typing during a save stays, and a change pulled on disk is never overwritten unasked', async ({
  chromiumBrowser,
  browserMode,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'holds the engine answers on the browser-mode WebSocket');
  const context = await chromiumBrowser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const saves = await holdAnswers(page, 'workspace.saveRequest');
    await page.goto(browserMode.url);
    const loupe = new LoupePage(page);
    const ws = new WorkspaceUi(page);
    const folder = mkdtempSync(join(tmpdir(), 'loupe-ws-git-'));
    const file = join(folder, 'requests', 'Typed.json');
    /** Ctrl/Cmd+S, with the engine's answer held until `meanwhile` has run. */
    const save = async (meanwhile: () => Promise<void> = async () => undefined) => {
      await page.keyboard.press('ControlOrMeta+S');
      await saves.answered();
      await meanwhile();
      saves.release();
    };

    await ws.openWorkspace(folder);
    await ws.sidebarTab('Services').click();
    await loupe.openMethod('Echo');
    await loupe.setRequestBody('{"message": "a"}');
    await page.keyboard.press('ControlOrMeta+S');
    await ws.saveName.fill('Typed');
    await ws.dialogButton(ws.saveDialog, 'Save').click();
    await saves.answered();
    saves.release();
    await expect(loupe.savedTab('Typed')).toBeVisible();

    // A key typed while the save is on its way is kept where it was typed, and is not saved yet.
    await loupe.cursorToBodyEnd();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await save(() => page.keyboard.type('b'));
    await expect(loupe.savedTab('Typed', 'unsaved')).toBeVisible();
    expect(bodyOnDisk(file)).toBe('{"message": "a"}');
    await page.keyboard.type('c');
    await expect.poll(() => loupe.requestText()).toBe('{"message": "abc"}');

    // A git pull while the tab has unsaved edits: Ctrl+S asks instead of overwriting it.
    pull(file, 'pulled');
    await save();
    await expect(ws.conflictDialog).toContainText('requests/Typed.json changed on disk');
    await page.screenshot({ path: shots('workspace-save-conflict-light') });
    expect(bodyOnDisk(file)).toBe('{"message": "pulled"}');
    await ws.dialogButton(ws.conflictDialog, 'Cancel').click();
    await expect(loupe.savedTab('Typed', 'unsaved')).toBeVisible();
    expect(await loupe.requestText()).toBe('{"message": "abc"}');
    await save();
    await ws.dialogButton(ws.conflictDialog, 'Overwrite').click();
    await saves.answered();
    saves.release();
    await expect(ws.conflictDialog).toBeHidden();
    await expect(loupe.savedTab('Typed')).toBeVisible();
    expect(bodyOnDisk(file)).toBe('{"message": "abc"}');

    // A pull right after the save, the tab clean: the tab shows it, and the next save builds on it.
    pull(file, 'pulled again');
    await expect.poll(() => loupe.requestText()).toBe('{"message": "pulled again"}');
    await expect(loupe.savedTab('Typed')).toBeVisible();
    await loupe.setRequestBody('{"message": "pulled again, edited"}');
    await save();
    await expect(loupe.savedTab('Typed')).toBeVisible();
    expect(bodyOnDisk(file)).toBe('{"message": "pulled again, edited"}');
    await expect(ws.conflictDialog).toBeHidden();
  } finally {
    await context.close();
  }
});

test('a saved request whose server is down can still be read, edited and saved, with the schema error beside it', async ({
  app,
}) => {
  const loupe = new LoupePage(app);
  const ws = new WorkspaceUi(app);
  const folder = mkdtempSync(join(tmpdir(), 'loupe-ws-down-'));
  // A loopback port nothing listens on (taken from the system, then let go): the server is down.
  const down = `127.0.0.1:${await freePort()}`;
  await ws.openWorkspace(folder);
  const file = join(folder, 'requests', 'Down.json');
  writeFileSync(
    file,
    JSON.stringify(
      {
        version: 1,
        target: { address: down },
        method: 'loupe.demo.v1.Demo/Echo',
        metadata: [{ name: 'x-trace', value: 'abc' }],
        body: { message: 'kept' },
      },
      null,
      2,
    ),
  );
  await ws.savedRequest('Down').click();
  await expect(loupe.requestProblem).toContainText('The schema did not load');
  await expect.poll(() => loupe.requestText()).toContain('"message": "kept"');
  await expect(loupe.metadataName(1)).toHaveValue('x-trace');
  await expect(loupe.metadataValue(1)).toHaveValue('abc');
  await app.screenshot({ path: shots('workspace-server-down-light') });

  await loupe.metadataValue(1).fill('def');
  await expect(loupe.savedTab('Down', 'unsaved')).toBeVisible();
  await app.keyboard.press('ControlOrMeta+S');
  await expect(loupe.savedTab('Down')).toBeVisible();
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
    metadata: [{ name: 'x-trace', value: 'def' }],
    body: { message: 'kept' },
  });
});

test('an environment changed on disk is never overwritten unasked by the editor', async ({ app }) => {
  const folder = mkdtempSync(join(tmpdir(), 'loupe-ws-env-git-'));
  mkdirSync(join(folder, 'environments'), { recursive: true });
  const file = join(folder, 'environments', 'dev.json');
  const pullEnv = (host: string) =>
    writeFileSync(file, JSON.stringify({ version: 1, variables: [{ name: 'host', value: host }] }, null, 2) + '\n');
  const hostOnDisk = () => JSON.parse(readFileSync(file, 'utf8')).variables[0].value;
  pullEnv('a:1');
  const ws = new WorkspaceUi(app);
  await ws.openWorkspace(folder);
  await ws.editEnvironments.click();
  await expect(ws.variable(1, 'value')).toHaveValue('a:1');

  // A pull while the editor is open and unedited: it shows the file.
  pullEnv('pulled:1');
  await expect(ws.variable(1, 'value')).toHaveValue('pulled:1');

  // A pull while it has edits: Save asks instead of overwriting; Cancel keeps the edits and the file.
  await ws.variable(1, 'value').fill('mine:1');
  pullEnv('pulled:2');
  await ws.dialogButton(ws.environmentsDialog, 'Save').click();
  await expect(ws.conflictDialog).toContainText('environments/dev.json changed on disk');
  expect(hostOnDisk()).toBe('pulled:2');
  await ws.dialogButton(ws.conflictDialog, 'Cancel').click();
  await expect(ws.conflictDialog).toBeHidden();
  await expect(ws.variable(1, 'value')).toHaveValue('mine:1');

  // Reload from disk drops the edits; the next save builds on the file.
  await ws.dialogButton(ws.environmentsDialog, 'Save').click();
  await ws.dialogButton(ws.conflictDialog, 'Reload from disk').click();
  await expect(ws.conflictDialog).toBeHidden();
  await expect(ws.variable(1, 'value')).toHaveValue('pulled:2');
  await ws.variable(1, 'value').fill('mine:2');
  await ws.dialogButton(ws.environmentsDialog, 'Save').click();
  await expect(ws.dialogButton(ws.environmentsDialog, 'Close')).toBeVisible();
  expect(hostOnDisk()).toBe('mine:2');

  // Overwrite, when chosen, writes the edits over the pulled file.
  await ws.variable(1, 'value').fill('mine:3');
  pullEnv('pulled:3');
  await ws.dialogButton(ws.environmentsDialog, 'Save').click();
  await ws.dialogButton(ws.conflictDialog, 'Overwrite').click();
  await expect(ws.conflictDialog).toBeHidden();
  await expect(ws.dialogButton(ws.environmentsDialog, 'Close')).toBeVisible();
  expect(hostOnDisk()).toBe('mine:3');
});
