import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoupePage } from '../pages/loupe-page';
import { buildProtoset, SHOP_SERVICE, writeFile, writeProtoProject } from '../support/proto-project';
import { expect, test } from '../support/fixtures';
import { screenshotBothThemes } from '../support/screenshots';

test('.proto files with two import paths and a well-known import become the schema', async ({ app }) => {
  const project = writeProtoProject();
  const loupe = new LoupePage(app);
  await expect(loupe.service('loupe.demo.v1.Demo')).toBeVisible();

  const settings = await loupe.openConnectionSettings();
  await settings.reflection.uncheck();
  await settings.protoFiles.fill(project.shopProto);
  await settings.importPaths.fill(`${project.apiRoot}\n${project.vendorRoot}`);
  await settings.apply();

  await expect(loupe.service(SHOP_SERVICE)).toBeVisible();
  await expect(loupe.method('PlaceOrder')).toBeVisible();
  // Reflection is off, so the demo server's own service is gone.
  await expect(loupe.service('loupe.demo.v1.Demo')).toBeHidden();
  await expect(loupe.schemaSources).toHaveText('protos (1 file)');
  // shop.proto, money.proto and google/protobuf/timestamp.proto
  await expect(loupe.schemaFileCount).toHaveText('3 files');
  await expect(loupe.schemaAge).toHaveText('loaded just now');

  // The settings survive a reload of the page, and the schema comes back from them.
  await app.reload();
  await expect(loupe.service(SHOP_SERVICE)).toBeVisible();
  await loupe.openConnectionSettings();
  await expect(settings.reflection).not.toBeChecked();
  await expect(settings.protoFiles).toHaveValue(project.shopProto);
  await expect(settings.importPaths).toHaveValue(`${project.apiRoot}\n${project.vendorRoot}`);
});

test('a .proto syntax error is shown with its file, line and column', async ({ app }) => {
  const project = writeProtoProject();
  const bad = writeFile(
    join(project.dir, 'bad/broken.proto'),
    'syntax = "proto3";\npackage bad.v1;\n\nmessage Broken {\n  string name = 1\n  int32 id = 2;\n}\n',
  );
  const loupe = new LoupePage(app);
  const settings = await loupe.openConnectionSettings();
  await settings.reflection.uncheck();
  await settings.protoFiles.fill(bad);
  await settings.apply();

  // The missing ';' on line 5 is noticed at the next token: line 6, column 3.
  await expect(loupe.servicesError).toContainText(`${bad}:6:3`);
  await expect(loupe.servicesErrorLocations).toHaveText(`${bad}:6:3`);
});

test('a long .proto path in an error wraps inside the sidebar instead of being cut at its edge', async ({
  app,
}, testInfo) => {
  const project = writeProtoProject();
  const deep = 'a-rather-long-folder-name-for-generated-protos/and-another-level-below-it/v1alpha2';
  const bad = writeFile(
    join(project.dir, deep, 'a_service_definition_with_a_long_name.proto'),
    'syntax = "proto3";\nmessage Broken {\n  string name = 1\n}\n',
  );
  const loupe = new LoupePage(app);
  const settings = await loupe.openConnectionSettings();
  await settings.reflection.uncheck();
  await settings.protoFiles.fill(bad);
  await settings.apply();

  const location = loupe.servicesErrorLocations.first();
  await expect(location).toContainText(`${bad}:4:1`);
  // Every character is inside the sidebar: the line wraps, nothing is scrolled or clipped away.
  const [line, sidebar] = await Promise.all([location.boundingBox(), loupe.services.boundingBox()]);
  expect(line!.x + line!.width).toBeLessThanOrEqual(sidebar!.x + sidebar!.width);
  expect(await location.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  expect(line!.height, 'the path takes more than one line').toBeGreaterThan(20);
  await screenshotBothThemes(app, testInfo, 'proto-error-wrapped');
});

test('a missing import is named in the error', async ({ app }) => {
  const project = writeProtoProject();
  const loupe = new LoupePage(app);
  const settings = await loupe.openConnectionSettings();
  await settings.reflection.uncheck();
  await settings.protoFiles.fill(project.shopProto);
  // Without the vendor root, money/v1/money.proto cannot be found.
  await settings.importPaths.fill(project.apiRoot);
  await settings.apply();

  await expect(loupe.servicesError).toContainText('money/v1/money.proto');
  await expect(loupe.service(SHOP_SERVICE)).toBeHidden();
});

test('a protoset built by protoc --include_imports provides the services', async ({ app }) => {
  const protoset = buildProtoset(writeProtoProject());
  const loupe = new LoupePage(app);
  const settings = await loupe.openConnectionSettings();
  await settings.reflection.uncheck();
  await settings.protosets.fill(`"${protoset}"`); // quoted, as "Copy as path" gives it
  await settings.apply();

  await expect(loupe.service(SHOP_SERVICE)).toBeVisible();
  await expect(loupe.method('PlaceOrder')).toBeVisible();
  await expect(loupe.schemaSources).toHaveText(`protoset ${protoset}`);
});

test('reflection and a protoset together: both sources are listed', async ({ app }) => {
  const protoset = buildProtoset(writeProtoProject());
  const loupe = new LoupePage(app);
  const settings = await loupe.openConnectionSettings();
  await settings.protosets.fill(protoset);
  await settings.apply();

  await expect(loupe.service(SHOP_SERVICE)).toBeVisible();
  await expect(loupe.service('loupe.demo.v1.Demo')).toBeVisible();
  await expect(loupe.schemaSources).toContainText('protoset');
  await expect(loupe.schemaSources).toContainText('reflection');
});

test('Escape closes the dialog without applying; Apply refuses a target with no schema source', async ({ app }) => {
  const loupe = new LoupePage(app);
  const settings = await loupe.openConnectionSettings();
  // Browser mode cannot show a native file dialog: paths are typed, no Browse buttons.
  await expect(settings.browseButtons).toHaveCount(0);

  await settings.reflection.uncheck();
  await app.keyboard.press('Escape');
  await expect(settings.dialog).toBeHidden();
  // Focus goes back where it was, so keyboard users carry on from the header.
  await expect(loupe.connectionSettingsButton).toBeFocused();
  await loupe.openConnectionSettings();
  await expect(settings.reflection).toBeChecked();

  await settings.reflection.uncheck();
  await settings.applyButton.click();
  await expect(settings.dialog).toBeVisible();
  await expect(settings.problemSummary).toHaveText('One setting needs attention.');
  await expect(settings.dialog).toContainText('Choose a schema source');
  await settings.cancelButton.click();
  await expect(settings.dialog).toBeHidden();
  await expect(loupe.service('loupe.demo.v1.Demo')).toBeVisible();
});

test('Refresh picks up a .proto file edited on disk (the engine keeps loaded schemas otherwise)', async ({ app }) => {
  const project = writeProtoProject();
  const loupe = new LoupePage(app);
  const settings = await loupe.openConnectionSettings();
  await settings.reflection.uncheck();
  await settings.protoFiles.fill(project.shopProto);
  await settings.importPaths.fill(`${project.apiRoot}\n${project.vendorRoot}`);
  await settings.apply();
  await expect(loupe.service(SHOP_SERVICE)).toBeVisible();

  appendFileSync(
    project.shopProto,
    '\nservice InventoryService {\n  rpc Count(PlaceOrderRequest) returns (PlaceOrderResponse);\n}\n',
  );
  await loupe.refreshSchemaButton.click();
  await expect(loupe.service('shop.v1.InventoryService')).toBeVisible();
  await expect(loupe.service(SHOP_SERVICE)).toBeVisible();
});

test('the schema age in the sidebar keeps counting while the app is open', async ({ app }) => {
  const loupe = new LoupePage(app);
  await expect(loupe.schemaSources).toHaveText('reflection v1');
  // Two clocks meet here: the engine stamps the load, the page counts from it. The page's clock is
  // made fake and pinned a second after the engine's stamp, so the age shown depends on no step's
  // duration (the engine keeps this schema in memory, so the reload below shows the same stamp).
  const loadedAt = Number(await loupe.schemaAge.getAttribute('data-loaded-at'));
  expect(loadedAt).toBeGreaterThan(0);
  await app.clock.install({ time: loadedAt });
  await app.clock.setFixedTime(loadedAt + 1_000);
  await app.reload();
  await expect(loupe.schemaAge).toHaveAttribute('data-loaded-at', String(loadedAt));
  await expect(loupe.schemaAge).toHaveText('loaded just now');
  // Three minutes later by the page's clock, and its 30-second refresh timer has run.
  await app.clock.setFixedTime(loadedAt + 3 * 60_000 + 5_000);
  await app.clock.fastForward('00:31');
  await expect(loupe.schemaAge).toHaveText('loaded 3 min ago');
});
