import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormAndCompare } from '../pages/form-and-compare';
import { LoupePage } from '../pages/loupe-page';
import { writeFile } from '../support/proto-project';
import { WorkspaceUi } from '../pages/workspace-ui';
import { expect, test } from '../support/fixtures';
import { screenshotBothThemes } from '../support/screenshots';

test('a nested message with a oneof and an Any, filled in the form: the JSON follows and the call carries it', async ({
  app,
}, testInfo) => {
  const loupe = new LoupePage(app);
  const ui = new FormAndCompare(app);
  await loupe.openMethod('Mirror');
  await loupe.setRequestBody('{}');
  await ui.formView.click();

  await ui.field('name').fill('from the form');
  await ui.field('bigSigned').fill('-9223372036854775808');
  // Out of range: said beside the field, and the body keeps its last good value.
  await ui.field('small').fill('3000000000');
  await expect(ui.formProblems).toContainText('small: out of range: int32 holds -2147483648 to 2147483647');
  await ui.field('small').fill('7');
  await expect(ui.formProblems).toHaveCount(0);

  // The oneof: picking a member gives it its zero value; its own fields are a nested form.
  await ui.field('oneof contact').selectOption('email');
  await ui.field('email').fill('a@b.c');
  await ui.field('oneof contact').selectOption('address');
  await ui.field('address.label').fill('home');
  await ui.field('address.x').fill('1.5');

  // An Any: pick a type of the schema, then fill its form.
  await ui.setButton('extra').click();
  await ui.field('extra: type').selectOption('loupe.demo.v1.Sample.Point');
  await ui.field('extra.label').fill('inside the Any');
  // A wrapper set to zero is not the same as unset.
  await ui.setButton('wrappedInt').click();
  await expect(ui.field('wrappedInt')).toHaveValue('0');
  await screenshotBothThemes(app, testInfo, 'form-filled');

  await ui.jsonView.click();
  const json = await loupe.requestText();
  expect(json).toContain('"bigSigned": "-9223372036854775808"');
  expect(json).not.toContain('"email"');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect.poll(() => loupe.responseText()).toContain('"bigSigned": "-9223372036854775808"');
  const response = await loupe.responseText();
  expect(response).toContain('"address": {');
  expect(response).toContain('"label": "home"');
  expect(response).toContain('"@type": "type.googleapis.com/loupe.demo.v1.Sample.Point"');
  expect(response).toContain('"label": "inside the Any"');
  expect(response).toContain('"wrappedInt": "0"');
  expect(response).not.toContain('"email"');
});

test('the form by keyboard alone, and broken JSON reported without touching it', async ({ app }, testInfo) => {
  const loupe = new LoupePage(app);
  const ui = new FormAndCompare(app);
  await loupe.openMethod('Mirror');
  await loupe.setRequestBody('{}');
  await ui.formView.focus();
  await app.keyboard.press('Enter');
  // Past the body's toolbar (Insert template, Format, Deadline) to the form's first field.
  await ui.tabTo(ui.field('name'));
  await app.keyboard.type('typed');
  await app.keyboard.press('Tab');
  await expect(ui.field('color')).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(ui.field('color')).toHaveValue('COLOR_RED');
  await app.keyboard.press('Tab');
  await expect(ui.field('bigSigned')).toBeFocused();
  await app.keyboard.type('9223372036854775807');
  await screenshotBothThemes(app, testInfo, 'form-keyboard');

  await ui.jsonView.click();
  await expect.poll(() => loupe.requestText()).toContain('"bigSigned": "9223372036854775807"');
  const json = await loupe.requestText();
  expect(json).toContain('"name": "typed"');
  expect(json).toContain('"color": "COLOR_RED"');

  await loupe.setRequestBody('{"name": "kept" "tags": []}');
  await ui.formView.click();
  await expect(ui.formProblems).toContainText('The body is not valid JSON (line 1');
  await ui.jsonView.click();
  await expect.poll(() => loupe.requestText()).toBe('{"name": "kept" "tags": []}');
});

test('two history entries compared: the difference is marked, and an ignored field hides it', async ({
  app,
}, testInfo) => {
  const loupe = new LoupePage(app);
  const ws = new WorkspaceUi(app);
  const ui = new FormAndCompare(app);
  await loupe.openMethod('Mirror');
  for (const name of ['first call', 'second call']) {
    await loupe.setRequestBody(`{"name": "${name}", "tags": ["a", "b"]}`);
    await loupe.sendButton.click();
    await expect.poll(() => loupe.responseText()).toContain(name);
  }
  await ws.sidebarTab('History').click();
  // Newest first; the worker's earlier tests may have left older calls below these two.
  await expect(ws.historyEntries.nth(1)).toBeVisible();
  await ui.compareHistoryEntry(ws.history, 1).click();
  await ui.compareHistoryEntry(ws.history, 0).click();
  await expect(ui.compareView).toBeVisible();
  await screenshotBothThemes(app, testInfo, 'compare-history');
  await expect(ui.compareModifiedSide).toContainText('second call');
  await expect(ui.compareChanges.first()).toBeVisible();

  await ui.compareIgnore.fill('name');
  await expect(ui.compareNoDifferences).toHaveText('No differences outside the ignored fields.');
  await ui.compareClose.click();
  await expect(ui.compareView).toBeHidden();
});

test("a proto2 message's extensions are fields of its form, written under their [full.name] keys", async ({
  app,
}, testInfo) => {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-e2e-ext-'));
  const proto = writeFile(
    join(dir, 'legacy/legacy.proto'),
    [
      'syntax = "proto2";',
      'package legacy;',
      'message Order {',
      '  required string id = 1;',
      '  extensions 100 to 199;',
      '}',
      'extend Order {',
      '  // A note printed on the gift card.',
      '  optional string gift_message = 100;',
      '  repeated int64 coupons = 101;',
      '}',
      'message Holder {',
      '  extend Order { optional Holder holder = 110; }',
      '  optional string label = 1;',
      '}',
      'service LegacyService { rpc Place(Order) returns (Order); }',
      '',
    ].join('\n'),
  );
  const loupe = new LoupePage(app);
  const ui = new FormAndCompare(app);
  const settings = await loupe.openConnectionSettings();
  await settings.reflection.uncheck();
  await settings.protoFiles.fill(proto);
  await settings.importPaths.fill(dir);
  await settings.apply();
  await loupe.openMethod('Place');
  await loupe.setRequestBody('{}');
  await ui.formView.click();

  await ui.field('id').fill('o-1');
  await expect(ui.form).toContainText('required string');
  await ui.field('[legacy.gift_message]').fill('happy birthday');
  await expect(ui.form).toContainText('A note printed on the gift card.');
  await ui.setButton('[legacy.Holder.holder]').click();
  await ui.field('[legacy.Holder.holder].label').fill('box');
  await expect(ui.formProblems).toHaveCount(0);
  await screenshotBothThemes(app, testInfo, 'form-extensions');

  await ui.jsonView.click();
  const json = await loupe.requestText();
  expect(json).toContain('"[legacy.gift_message]": "happy birthday"');
  expect(json).toContain('"[legacy.Holder.holder]": {');
  expect(json).toContain('"label": "box"');
});
