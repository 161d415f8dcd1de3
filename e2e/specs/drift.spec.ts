import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeServer, versionDir, type TestServer } from '../../electron/core/schema/drift/testdata/servers';
import { LoupePage } from '../pages/loupe-page';
import { WorkspaceUi } from '../pages/workspace-ui';
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

test('a refresh that changed the schema says what changed and flags the open request', async ({ app }, testInfo) => {
  // The team's protos at v1 on disk; then someone pulls v2 over them.
  const dir = mkdtempSync(join(tmpdir(), 'loupe-e2e-refresh-'));
  cpSync(versionDir('v1'), dir, { recursive: true });
  const loupe = new LoupePage(app);
  const settings = await loupe.openConnectionSettings();
  await settings.reflection.uncheck();
  await settings.protoFiles.fill(join(dir, 'acme/users/v1/users.proto'));
  await settings.importPaths.fill(dir);
  await settings.apply();
  await loupe.openMethod('DeleteUser');
  await expect(loupe.requestTitle).toContainText('DeleteUser');

  cpSync(versionDir('v2'), dir, { recursive: true });
  await loupe.refreshSchemaButton.click();
  await expect(loupe.drift.schemaChanges).toContainText('The schema changed:');
  await expect(loupe.drift.schemaChanges).toContainText('method acme.users.v1.Users/DeleteUser was removed');
  await expect(loupe.drift.requestSchemaFlags).toContainText(
    'acme.users.v1.Users.DeleteUser is no longer in the schema',
  );
  await screenshotBothThemes(app, testInfo, 'schema-refresh-notice');

  // Refreshing again with nothing changed brings no new notice.
  await loupe.drift.dismissSchemaChanges.click();
  await loupe.refreshSchemaButton.click();
  await expect(loupe.schemaAge).toHaveText('loaded just now');
  await expect(loupe.drift.schemaChanges).toBeHidden();
});

test('in a workspace: a snapshot saved and compared, and a saved request flagged after a refresh', async ({ app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-e2e-ws-drift-'));
  const protos = join(dir, 'protos');
  cpSync(versionDir('v1'), protos, { recursive: true });
  const loupe = new LoupePage(app);
  const ws = new WorkspaceUi(app);
  await ws.openWorkspace(join(dir, 'workspace'));
  await ws.sidebarTab('Services').click();
  const settings = await loupe.openConnectionSettings();
  await settings.reflection.uncheck();
  await settings.protoFiles.fill(join(protos, 'acme/users/v1/users.proto'));
  await settings.importPaths.fill(protos);
  await settings.apply();
  await loupe.openMethod('DeleteUser');
  await app.keyboard.press('ControlOrMeta+S');
  await ws.saveName.fill('Delete a user');
  await ws.dialogButton(ws.saveDialog, 'Save').click();
  await expect(ws.saveDialog).toBeHidden();

  // The schema as it is now, saved as a snapshot of the workspace...
  await loupe.drift.sidebarTab.click();
  await loupe.drift.snapshotName.fill('before');
  await loupe.drift.saveSnapshotButton.click();
  await expect(loupe.drift.saveNote).toContainText('before.binpb');

  // ...then the protos move on, and the refresh flags the saved request, open or not.
  cpSync(versionDir('v2'), protos, { recursive: true });
  await loupe.closeTabButton('Delete a user').click();
  await ws.sidebarTab('Services').click();
  await loupe.refreshSchemaButton.click();
  await expect(loupe.drift.schemaChanges).toContainText('The schema changed:');
  await ws.sidebarTab('Collections').click();
  await expect(loupe.drift.savedRequestFlags()).toHaveCount(1);
  await ws.savedRequest('Delete a user').click();
  await expect(loupe.drift.requestSchemaFlags).toContainText('no longer in the schema');

  // The target as it is now (base) against the snapshot: going back to v1 would drop CreateUser.
  await loupe.drift.sidebarTab.click();
  await loupe.drift.snapshotChoice.check();
  await loupe.drift.snapshotPath.fill('snapshots/before.binpb');
  await loupe.drift.compareButton.click();
  await expect(loupe.drift.summary).toContainText('breaking at WIRE_JSON');
  await expect(loupe.drift.group('Breaking on the wire')).toContainText(
    'method acme.users.v1.Users/CreateUser was removed',
  );
  await expect(loupe.drift.group('Compatible additions')).toContainText('acme.users.v1.Users.DeleteUser');
});
