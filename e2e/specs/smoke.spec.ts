import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';

test('a new user sees the demo services and makes a unary call', async ({ app }) => {
  const loupe = new LoupePage(app);
  await expect(loupe.service('loupe.demo.v1.Demo')).toBeVisible();
  await expect(loupe.method('Echo')).toBeVisible();
  await expect(loupe.method('Chat')).toBeVisible();

  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"message": "hello from the smoke test"}');
  await loupe.sendButton.click();

  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect.poll(() => loupe.responseText()).toContain('"message": "hello from the smoke test"');
  await expect.poll(() => loupe.responseText()).toContain('"receivedAt"');
});

test("a new user's first call, the Echo template sent unchanged, succeeds", async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Echo');
  // The template fills every field, the optional `fail` message included.
  await expect.poll(() => loupe.requestText()).toContain('"fail"');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect.poll(() => loupe.responseText()).toContain('"receivedAt"');
});
