import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';

test('the method filter narrows the tree as you type', async ({ app }) => {
  const loupe = new LoupePage(app);
  await expect(loupe.method('Echo')).toBeVisible();
  await loupe.methodFilter.fill('ti');
  await expect(loupe.method('Ticker')).toBeVisible();
  await expect(loupe.method('Echo')).toBeHidden();
  await loupe.methodFilter.fill('no-such-method');
  await expect(loupe.services).toContainText('No method matches the filter.');
  await loupe.methodFilter.fill('');
  await expect(loupe.method('Echo')).toBeVisible();
});

test("the editor knows the method's schema: unknown fields are marked, field names complete", async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"mesage": "typo"}');
  await expect(loupe.editorErrorMarkers.first()).toBeVisible();

  await loupe.setRequestBody('{}');
  await app.keyboard.press('ArrowLeft'); // between the braces
  await app.keyboard.press('Control+Space');
  await expect(loupe.suggestions).toContainText('message');
  await expect(loupe.suggestions).toContainText('delayMs');
});
