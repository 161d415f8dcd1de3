import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';

const BIG =
  '{"bigSigned": -9223372036854775808, "zigzag": 9223372036854775807, "bigUnsigned": 18446744073709551615, "fixed": 9007199254740993';

test('64-bit integers typed without quotes: the editor accepts them, Format keeps them, the server gets them', async ({
  app,
}) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Mirror');
  // One deliberate mistake (an int32 out of range): once its marker shows, the editor has judged
  // the whole text, and it is the only marker, so none of the 64-bit literals was refused.
  await loupe.setRequestBody(`${BIG}, "small": 3000000000}`);
  await expect(loupe.editorErrorMarkers).toHaveCount(1);

  await loupe.formatButton.click();
  await expect
    .poll(() => loupe.requestText())
    .toBe(
      [
        '{',
        '  "bigSigned": -9223372036854775808,',
        '  "zigzag": 9223372036854775807,',
        '  "bigUnsigned": 18446744073709551615,',
        '  "fixed": 9007199254740993,',
        '  "small": 3000000000',
        '}',
      ].join('\n'),
    );

  await loupe.sendButton.click();
  await expect(loupe.callExplanation).toContainText(
    'small: 3000000000 is out of range for int32 (-2147483648 to 2147483647)',
  );

  await loupe.setRequestBody(`${BIG}}`);
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect.poll(() => loupe.responseText()).toContain('"fixed": "9007199254740993"');
  const response = await loupe.responseText();
  expect(response).toContain('"bigSigned": "-9223372036854775808"');
  expect(response).toContain('"zigzag": "9223372036854775807"');
  expect(response).toContain('"bigUnsigned": "18446744073709551615"');
});
