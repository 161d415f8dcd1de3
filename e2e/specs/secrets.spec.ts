import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from '../../electron/core/demo';
import { LoupePage } from '../pages/loupe-page';
import { WorkspaceUi } from '../pages/workspace-ui';
import { expect, test } from '../support/fixtures';
import { freePort, startAppSession, type AppSession } from '../support/workspace-fixtures';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

test('a secret typed into the environment editor never comes back to the window or into a file', async ({
  chromiumBrowser: browser,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'reads the WebSocket frames and the data folder of browser mode');
  const secret = `s3cret-${randomUUID()}`;
  const demo = await startDemoServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'loupe-secrets-data-'));
  const folder = mkdtempSync(join(tmpdir(), 'loupe-secrets-ws-'));
  mkdirSync(join(folder, 'requests'), { recursive: true });
  mkdirSync(join(folder, 'environments'), { recursive: true });
  const body = '{\n  "message": "hi {{token}}"\n}';
  writeFileSync(
    join(folder, 'requests', 'Echo secret.json'),
    JSON.stringify({
      version: 1,
      target: { address: '{{addr}}' },
      method: 'loupe.demo.v1.Demo/Echo',
      body,
      metadata: [{ name: 'authorization', value: 'Bearer {{token}}' }],
    }),
  );
  writeFileSync(
    join(folder, 'environments', 'dev.json'),
    JSON.stringify({
      version: 1,
      variables: [
        { name: 'addr', value: demo.address },
        { name: 'token', secret: true },
      ],
    }),
  );

  let session: AppSession | undefined;
  try {
    session = await startAppSession(browser, dataDir, await freePort());
    const page = session.page;
    // Everything the engine sends the window, from a fresh page load on.
    const received: string[] = [];
    page.on('websocket', (socket) => socket.on('framereceived', (frame) => void received.push(String(frame.payload))));
    await page.reload();
    const loupe = new LoupePage(page);
    const ws = new WorkspaceUi(page);

    await ws.openWorkspace(folder);
    await ws.editEnvironments.click();
    await ws.environmentInEditor('dev').click();
    await ws.variable(2, 'secret value').fill(secret);
    await ws.dialogButton(ws.environmentsDialog, 'Save').click();
    await expect(ws.environmentsDialog).toContainText('stored on this computer');
    await ws.dialogButton(ws.environmentsDialog, 'Close').click();
    await ws.environment.selectOption('dev');

    await ws.savedRequest('Echo secret').click();
    await loupe.sendButton.click();
    await expect(loupe.statusBadge).toHaveText('0 OK');
    // The demo echoes the message and the metadata: they come back masked.
    await expect.poll(() => loupe.responseText()).toContain('"message": "hi {{token}}"');
    await loupe.timeline.tab.click();
    await expect(loupe.timeline.eventRow('Headers')).toContainText('authorization: Bearer {{token}}');

    // History reopens the call as written, indented as typed; saving it writes the template.
    await ws.sidebarTab('History').click();
    await ws.historyEntries.first().click();
    await expect(loupe.allRequestTabs).toHaveCount(2);
    await expect.poll(() => loupe.requestText()).toBe(body);
    await page.keyboard.press('ControlOrMeta+S');
    await ws.saveName.fill('From history');
    await ws.dialogButton(ws.saveDialog, 'Save').click();
    await expect(ws.saveDialog).toBeHidden();
    const saved = JSON.parse(await readFile(join(folder, 'requests', 'From history.json'), 'utf8')) as {
      metadata: unknown;
      body: unknown;
    };
    // Plain 2-space JSON is stored as a JSON value, so a diff shows the field.
    expect(saved).toMatchObject({
      metadata: [{ name: 'authorization', value: 'Bearer {{token}}' }],
      body: { message: 'hi {{token}}' },
    });

    expect(received.length).toBeGreaterThan(10);
    expect(received.filter((frame) => frame.includes(secret))).toEqual([]);
    expect(await page.content()).not.toContain(secret);
    await session.quit();
    const leaks: string[] = [];
    for (const file of [...(await filesUnder(dataDir)), ...(await filesUnder(folder))]) {
      // The secret store is where a stored secret lives (0600, outside the workspace): its one home.
      if (file === join(dataDir, 'secrets.json')) continue;
      if ((await readFile(file, 'utf8')).includes(secret)) leaks.push(file);
    }
    expect(leaks).toEqual([]);
  } finally {
    await session?.quit().catch(() => undefined);
    await demo.stop();
  }
});
