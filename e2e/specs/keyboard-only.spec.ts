import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DesignUi, tabTo } from '../pages/design-ui';
import { LoupePage } from '../pages/loupe-page';
import { WorkspaceUi } from '../pages/workspace-ui';
import { expect, test } from '../support/fixtures';

// The main flows with the keyboard alone: not one click in this file.

test('pick a method, edit, send and read the response, with keys only', async ({ app }) => {
  const loupe = new LoupePage(app);
  const design = new DesignUi(app);
  await expect(loupe.method('Echo')).toBeVisible();

  // The method tree: one tab stop, arrows move (Home, End, Up, Down), Enter opens.
  await app.keyboard.press('ControlOrMeta+Shift+1');
  await expect(loupe.focusedTreeItem).toHaveCount(1);
  await app.keyboard.press('Shift+Tab');
  await expect(loupe.methodFilter).toBeFocused();
  await app.keyboard.type('demo');
  await app.keyboard.press('Tab');
  await expect(loupe.method('Echo')).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(loupe.method('GetSample')).toBeFocused();
  await app.keyboard.press('ArrowUp');
  await app.keyboard.press('Enter');
  await expect(loupe.requestTitle).toHaveText('loupe.demo.v1.Demo.Echo');
  await expect(loupe.requestBodyEditor).toBeVisible();

  await app.keyboard.press('ControlOrMeta+Shift+2');
  await expect(loupe.requestBodyFocused).toHaveCount(1);
  await app.keyboard.press('ControlOrMeta+A');
  await app.keyboard.press('Delete');
  await app.keyboard.insertText('{"message": "no mouse needed"}');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect.poll(() => loupe.responseText()).toContain('no mouse needed');

  // The response's parts are reached and switched from the keyboard.
  await app.keyboard.press('ControlOrMeta+Shift+3');
  await expect(loupe.responsePart('Response')).toBeFocused();
  // A tab list is one tab stop; arrows move along it and select.
  for (let i = 0; i < 6 && (await loupe.responsePart('Headers').getAttribute('aria-selected')) !== 'true'; i++)
    await app.keyboard.press('ArrowRight');
  await expect(loupe.responsePart('Headers')).toBeFocused();
  await expect(loupe.responsePart('Headers')).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('Home');
  await expect(loupe.responsePart('Timeline')).toHaveAttribute('aria-selected', 'true');

  // The shortcut list, on ? outside a text field, closed with Escape.
  await app.keyboard.press('?');
  await expect(design.shortcutHelp).toBeVisible();
  await expect(design.shortcutHelp).toContainText('Send the request');
  await app.keyboard.press('Escape');
  await expect(design.shortcutHelp).toBeHidden();
});

test('open a stream and send on it, switch tabs, open settings, with keys only', async ({ app }) => {
  const loupe = new LoupePage(app);
  await expect(loupe.method('Chat')).toBeVisible();

  await loupe.openPalette();
  await app.keyboard.type('chat');
  await app.keyboard.press('Enter');
  await expect(loupe.requestTitle).toHaveText('loupe.demo.v1.Demo.Chat');
  await expect(loupe.requestBodyEditor).toBeVisible();
  await app.keyboard.press('ControlOrMeta+Shift+2');
  await expect(loupe.requestBodyFocused).toHaveCount(1);
  await app.keyboard.press('ControlOrMeta+A');
  await app.keyboard.press('Delete');
  await app.keyboard.insertText('{"user": "kay", "text": "first"}');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(loupe.timeline.receivedCount).toHaveText('1');
  await expect(loupe.composer.state).toHaveText('Open');
  // The editor keeps the focus while the stream opens: it is now the composer.
  await expect(loupe.requestBodyFocused).toHaveCount(1);
  await app.keyboard.press('ControlOrMeta+A');
  await app.keyboard.press('Delete');
  await app.keyboard.insertText('{"user": "kay", "text": "second"}');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(loupe.timeline.receivedCount).toHaveText('2');
  // Tab in the editor indents: leave it by a region key, then Tab on to End stream.
  await app.keyboard.press('ControlOrMeta+Shift+1');
  await tabTo(app, loupe.composer.endStream, 'End stream', 60);
  await app.keyboard.press('Enter');
  await expect(loupe.composer.state).toHaveText('Finished');

  // A second tab, then back to the first with the tab strip's arrows.
  await app.keyboard.press('Alt+N');
  await expect(loupe.allRequestTabs).toHaveCount(2);
  await app.keyboard.press('ControlOrMeta+K');
  await app.keyboard.type('getsample');
  await app.keyboard.press('Enter');
  await expect(loupe.requestTitle).toHaveText('loupe.demo.v1.Demo.GetSample');
  await app.keyboard.press('ControlOrMeta+Shift+1');
  await tabTo(app, loupe.activeRequestTab, 'the tab strip');
  await app.keyboard.press('ArrowLeft');
  await app.keyboard.press('Enter');
  await expect(loupe.requestTitle).toHaveText('loupe.demo.v1.Demo.Chat');

  // Connection settings open on Ctrl+, and close on Escape.
  await app.keyboard.press('ControlOrMeta+Comma');
  await expect(loupe.settings.dialog).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(loupe.settings.dialog).toBeHidden();
});

test('save a request and switch environments, with keys only', async ({ app }) => {
  const loupe = new LoupePage(app);
  const ws = new WorkspaceUi(app);
  await expect(loupe.method('Echo')).toBeVisible();

  // The sidebar's views are a tablist: arrows move to Collections, where the folder is typed.
  await app.keyboard.press('ControlOrMeta+Shift+1');
  await tabTo(app, ws.sidebarTab('Services'), 'the sidebar tabs', 10, true);
  await app.keyboard.press('ArrowRight');
  await expect(ws.sidebarTab('Collections')).toHaveAttribute('aria-selected', 'true');
  await tabTo(app, ws.folderInput, 'the workspace folder');
  await app.keyboard.insertText(mkdtempSync(join(tmpdir(), 'loupe-keys-')));
  await app.keyboard.press('Enter');
  await expect(ws.collections).toBeVisible();

  await app.keyboard.press('ControlOrMeta+K');
  await app.keyboard.type('echo');
  await app.keyboard.press('Enter');
  await expect(loupe.requestTitle).toHaveText('loupe.demo.v1.Demo.Echo');
  await app.keyboard.press('ControlOrMeta+S');
  await expect(ws.saveDialog).toBeVisible();
  await expect(ws.saveName).toBeFocused();
  await app.keyboard.press('ControlOrMeta+A');
  await app.keyboard.insertText('Echo by keys');
  await app.keyboard.press('Enter');
  await expect(ws.saveDialog).toBeHidden();
  await expect(loupe.savedTab('Echo by keys')).toBeVisible();

  // A new environment from the palette's command, then picked in the header's list.
  await app.keyboard.press('ControlOrMeta+K');
  await app.keyboard.type('edit environments');
  await app.keyboard.press('Enter');
  await expect(ws.environmentsDialog).toBeVisible();
  await expect(ws.newEnvironmentName).toBeVisible();
  await tabTo(app, ws.newEnvironmentName, 'the new environment name');
  await app.keyboard.insertText('staging');
  await tabTo(app, ws.dialogButton(ws.environmentsDialog, 'Add'), 'Add');
  await app.keyboard.press('Enter');
  await tabTo(app, ws.dialogButton(ws.environmentsDialog, 'Save'), 'Save');
  await app.keyboard.press('Enter');
  await expect(ws.dialogButton(ws.environmentsDialog, 'Close')).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(ws.environmentsDialog).toBeHidden();
  // The header comes before the sidebar: back from the sidebar to the environment list.
  await app.keyboard.press('ControlOrMeta+Shift+1');
  await tabTo(app, ws.environment, 'the environment list', 40, true);
  await app.keyboard.press('ArrowDown');
  await expect(ws.environment).toHaveValue('staging');
});
