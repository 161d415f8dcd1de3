import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';

test('Ctrl+K finds a method by name and Ctrl+Enter sends it', async ({ app }) => {
  const loupe = new LoupePage(app);
  await expect(loupe.method('Echo')).toBeVisible();
  await loupe.openPalette();
  await loupe.paletteInput.fill('getsam');
  await app.keyboard.press('Enter');
  await expect(loupe.requestTitle).toHaveText('loupe.demo.v1.Demo.GetSample');
  await loupe.methodFilter.focus(); // outside the editor: the window-wide shortcut sends
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(loupe.statusBadge).toHaveText('0 OK');
});

test('Ctrl+Enter inside the editor sends the request', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"message": "typed and sent by keyboard"}');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect.poll(() => loupe.responseText()).toContain('typed and sent by keyboard');
});

test('the service list and the send button are reachable with Tab alone', async ({ app }) => {
  const loupe = new LoupePage(app);
  await expect(loupe.method('Echo')).toBeVisible();
  await loupe.methodFilter.focus();
  // From the filter, Tab walks into the method buttons in order.
  await app.keyboard.press('Tab');
  await expect(loupe.method('Echo')).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(loupe.requestTitle).toHaveText('loupe.demo.v1.Demo.Echo');
});
