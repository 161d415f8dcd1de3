import { startNodeServer, versionDir, type TestServer } from '../../electron/core/schema/drift/testdata/servers';
import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';
import { screenshotBothThemes } from '../support/screenshots';

// The Drift view against a real server: v1 of the drift test API, by reflection, compared with
// v2's .proto files, as a user checks a deployed server against the protos they are about to ship.
let v1: TestServer;
test.beforeAll(async () => {
  v1 = await startNodeServer('v1', true);
});
test.afterAll(() => v1?.stop());

test('the Drift view compares the server with local protos and leads to a method', async ({ app }, testInfo) => {
  const loupe = new LoupePage(app);
  await loupe.serverAddress.fill(v1.address);
  await loupe.reflectButton.click();
  await expect(loupe.service('acme.users.v1.Users')).toBeVisible();

  await loupe.drift.sidebarTab.click();
  await expect(loupe.drift.protosChoice).toBeChecked();
  await expect(loupe.drift.strictness).toHaveValue('WIRE_JSON');
  await loupe.drift.protoPaths.fill(versionDir('v2'));
  await loupe.drift.compareButton.click();

  await expect(loupe.drift.summary).toContainText('breaking at WIRE_JSON');
  await expect(loupe.drift.group('Breaking on the wire')).toContainText(
    'field 3 of acme.users.v1.User was `string email`, is now `int64 email_id`',
  );
  await expect(loupe.drift.group('Compatible additions')).toContainText('acme.users.v1.Users.CreateUser');
  await screenshotBothThemes(app, testInfo, 'drift-view');

  // A method the loaded schema has: its symbol opens it, in the service tree.
  await loupe.drift.symbolLink('acme.users.v1.Users.WatchUsers').click();
  await expect(loupe.services).toBeVisible();
  await expect(loupe.requestTitle).toContainText('WatchUsers');

  // Stricter and looser: WIRE drops what breaks only JSON clients.
  await loupe.drift.sidebarTab.click();
  await loupe.drift.strictness.selectOption('WIRE');
  await loupe.drift.compareButton.click();
  await expect(loupe.drift.summary).toContainText('breaking at WIRE');
  await expect(loupe.drift.group('Breaking for JSON clients')).toBeHidden();
});

test('the Drift view says what is missing, and a snapshot needs a workspace', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.serverAddress.fill(v1.address);
  await loupe.reflectButton.click();
  await expect(loupe.service('acme.users.v1.Users')).toBeVisible();
  await loupe.drift.sidebarTab.click();
  await loupe.drift.compareButton.click();
  await expect(loupe.drift.error).toContainText('Name the .proto files or folders to compare with.');
  await loupe.drift.snapshotName.fill('prod');
  await loupe.drift.saveSnapshotButton.click();
  await expect(loupe.drift.saveNote).toContainText('Open a workspace first');
});
