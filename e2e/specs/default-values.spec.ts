import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';

test('default values can be shown in a response without calling again', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"message": "defaults"}');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect.poll(() => loupe.responseText()).toContain('"message": "defaults"');
  // metadataCount is 0, a default: proto3 JSON leaves it out unless asked.
  expect(await loupe.responseText()).not.toContain('metadataCount');

  await loupe.showDefaultValues.check();
  await expect.poll(() => loupe.responseText()).toContain('"metadataCount": 0');
  await loupe.showDefaultValues.uncheck();
  await expect.poll(() => loupe.responseText()).not.toContain('metadataCount');
});
