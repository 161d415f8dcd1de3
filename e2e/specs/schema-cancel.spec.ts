import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';
import { startSilentServer } from '../support/silent-server';

// A server that accepts connections and never says a word: the load waits for its connect timeout.
let silent: Awaited<ReturnType<typeof startSilentServer>>;
test.beforeAll(async () => {
  silent = await startSilentServer();
});
test.afterAll(() => silent.close());

test('a schema load that hangs shows progress and can be cancelled', async ({ app }) => {
  const loupe = new LoupePage(app);
  await expect(loupe.method('Echo')).toBeVisible();
  await loupe.serverAddress.fill(silent.address);
  await loupe.reflectButton.click();
  await expect(loupe.schemaLoading).toBeVisible();
  await loupe.cancelSchemaLoad.click();
  await expect(loupe.schemaLoading).toBeHidden();
  await expect(loupe.reflectButton).toBeEnabled();
  await expect(loupe.services).toContainText('press Reflect');
});

test('a server that never answers is given up on after the connect timeout set for it', async ({ app }) => {
  const loupe = new LoupePage(app);
  await expect(loupe.method('Echo')).toBeVisible();
  await loupe.serverAddress.fill(silent.address);
  const settings = await loupe.openConnectionSettings();
  await settings.connectTimeoutSeconds.fill('0.2');
  await settings.apply();
  await loupe.reflectButton.click();
  await expect(loupe.servicesError).toContainText(
    `Could not connect to ${silent.address} within 200 ms (connect timeout).`,
  );
  // Stored with the target: the dialog shows it again.
  await loupe.openConnectionSettings();
  await expect(settings.connectTimeoutSeconds).toHaveValue('0.2');
});
