import type * as grpc from '@grpc/grpc-js';
import { join } from 'node:path';
import { startNodeServer, versionDir, type TestServer } from '../../electron/core/schema/drift/testdata/servers';
import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';
import { screenshotBothThemes } from '../support/screenshots';

// A server newer than the protos: it speaks v2 of acme.users.v1.User (with `locale = 14`), and the
// window reads it with v1's .proto files.
let v2: TestServer;
test.beforeAll(async () => {
  v2 = await startNodeServer('v2', false, {
    GetUser: (_call: grpc.ServerUnaryCall<unknown, unknown>, done: grpc.sendUnaryData<unknown>) =>
      done(null, { id: 'u1', name: 'Ada', locale: 'fr-FR' }),
  });
});
test.afterAll(() => v2?.stop());

test('fields the protos do not know are shown beside the response and in the timeline', async ({ app }, testInfo) => {
  const loupe = new LoupePage(app);
  await loupe.serverAddress.fill(v2.address);
  const settings = await loupe.openConnectionSettings();
  await settings.reflection.uncheck();
  await settings.protoFiles.fill(join(versionDir('v1'), 'acme/users/v1/users.proto'));
  await settings.importPaths.fill(versionDir('v1'));
  await settings.apply();
  await loupe.openMethod('GetUser');
  await loupe.setRequestBody('{"id": "u1"}');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');

  await expect(loupe.drift.responseUnknownFields).toContainText('1 field not in the loaded schema');
  await expect(loupe.drift.responseUnknownFields).toContainText('14 (length-delimited): "fr-FR"');
  await expect(loupe.drift.responseUnknownFields).toContainText('its schema is probably newer');
  await screenshotBothThemes(app, testInfo, 'unknown-fields');

  await loupe.responsePart('Timeline').click();
  await loupe.timeline.receivedRow(1).click();
  await expect(loupe.drift.detailUnknownFields).toContainText('14 (length-delimited): "fr-FR"');
  await screenshotBothThemes(app, testInfo, 'unknown-fields-timeline');
});
