import { FormatsUi } from '../pages/formats-ui';
import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';
import { screenshotBothThemes } from '../support/screenshots';

test('a request written in text format: a mistake is marked and kept, the fixed text is sent, the answer read as text and as bytes', async ({
  app,
}, testInfo) => {
  const loupe = new LoupePage(app);
  const formats = new FormatsUi(app);
  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"message": "hi"}');
  await formats.bodyFormat('Text').click();
  await expect.poll(() => formats.textBody()).toBe('message: "hi"');

  await formats.setTextBody('message: "from text"\ndelay_ms: "soon"');
  await expect(formats.textProblem).toContainText('line 2, column 11 (field delay_ms)');
  await expect(formats.textErrorMarkers).toHaveCount(1);
  await screenshotBothThemes(app, testInfo, 'text-format-mistake');

  // The mistake survives a look at the JSON, which still holds the last valid body.
  await formats.bodyFormat('JSON').click();
  await expect.poll(() => loupe.requestText()).toContain('"message": "hi"');
  await formats.bodyFormat('Text').click();
  await expect.poll(() => formats.textBody()).toBe('message: "from text"\ndelay_ms: "soon"');
  await expect(formats.textProblem).toBeVisible();

  await formats.setTextBody('message: "from text"  # a comment\ndelay_ms: 1');
  await expect(formats.textProblem).toBeHidden();
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect.poll(() => loupe.responseText()).toContain('"message": "from text"');

  await loupe.responsePart('Timeline').click();
  await loupe.timeline.receivedRow(1).click();
  await formats.detailFormat('Text').click();
  await expect.poll(() => formats.detailText()).toContain('message: "from text"');
  await expect(formats.detailCopy).toBeEnabled();
  await screenshotBothThemes(app, testInfo, 'text-format-response');

  await formats.detailFormat('Wire').click();
  await expect(formats.detailCopy).toBeDisabled();
  const field = formats.wireField(formats.wireTree, 1, 'message');
  await expect(field).toContainText('"from text"');
  await field.click();
  // Field 1, length-delimited: tag 0a, length 09, then "from text".
  await expect(formats.highlightedBytes.first()).toHaveText('0a 09');
  await expect(formats.highlightedBytes.nth(1)).toHaveText('66 72 6f 6d 20 74 65 78 74');
  await screenshotBothThemes(app, testInfo, 'wire-view');
});

test('pasted base64 decodes as a message type of the schema, or raw', async ({ app }, testInfo) => {
  const loupe = new LoupePage(app);
  const formats = new FormatsUi(app);
  await loupe.openMethod('Echo');
  await loupe.openPalette();
  await loupe.paletteInput.fill('Decode');
  await formats.paletteDecodeItem.click();
  await expect(formats.decodeDialog).toBeVisible();

  // EchoRequest { message: "hello", delay_ms: 150 } and a field 9 the schema does not have.
  await formats.decodeBytes.fill('CgVoZWxsbxCWAUgB');
  await formats.decodeButton.click();
  const tree = formats.decodeTree;
  await expect(formats.wireField(tree, 2, 'varint')).toContainText('150');
  await expect(formats.decodedJson).toBeHidden();

  await formats.decodeType.fill('loupe.demo.v1.EchoRequest');
  await formats.decodeButton.click();
  await expect(formats.decodedJson).toContainText('"delayMs": 150');
  await expect(formats.wireField(tree, 2, 'delay_ms')).toBeVisible();
  await expect(formats.wireField(tree, 9, 'unknown')).toBeVisible();
  await screenshotBothThemes(app, testInfo, 'decode-bytes');
});
