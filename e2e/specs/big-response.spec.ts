import { BigResponse } from '../pages/big-response';
import { LoupePage } from '../pages/loupe-page';
import { startBigResponseServer, rowId } from '../support/big-response-server';
import { expect, test } from '../support/fixtures';
import { holdAnswers } from '../support/hold-answers';

/** ~3 MB on the wire (under the default 4 MiB receive limit), ~4.5 MB of indented JSON. */
const ROWS = 25_000;
const MARKER = 17_321;

test('a response of megabytes shows as it arrives, the window answers meanwhile, and it is searchable, copyable and exact', async ({
  chromiumBrowser,
  browserMode,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'holds the engine answers on the browser-mode WebSocket');
  const server = await startBigResponseServer();
  const context = await chromiumBrowser.newContext({
    viewport: { width: 1280, height: 800 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  try {
    const page = await context.newPage();
    // The rest of the text comes in slices; holding them puts the clicks below "while it is
    // prepared" on any machine, fast or slow.
    const slices = await holdAnswers(page, 'call.jsonSlice');
    await page.goto(browserMode.url);
    const loupe = new LoupePage(page);
    const big = new BigResponse(page);
    await loupe.serverAddress.fill(server.address);
    await loupe.reflectButton.click();
    await loupe.openMethod('List');
    await loupe.setRequestBody(JSON.stringify({ rows: ROWS, marker: MARKER }));
    await loupe.sendButton.click();
    await expect(loupe.statusBadge).toHaveText('0 OK');

    // What came with the page is on screen at once, with the progress of the rest.
    await slices.answered();
    await expect(big.line('"rows": [')).toBeVisible();
    await expect(big.progress).toContainText('Loading the response');
    await expect(big.copy).toBeDisabled();

    // Another part of the response is shown on a click while the text is still coming...
    await loupe.responsePart('Headers').click();
    await expect(loupe.responsePart('Headers')).toHaveAttribute('aria-selected', 'true');
    await expect(big.viewer).toBeHidden();
    // ...and back on the response, it is still coming (the slices are held): the click came first.
    await loupe.responsePart('Response').click();
    await expect(big.progress).toBeVisible();

    slices.stop();
    await expect(big.progress).toBeHidden({ timeout: 60_000 });
    await expect(big.copy).toBeEnabled();

    // Copy response copies the whole text, every 64-bit id exact.
    await big.copy.click();
    const copied = await big.clipboardText();
    const rows = (JSON.parse(copied) as { rows: Array<{ id: string; name: string }> }).rows;
    expect(rows).toHaveLength(ROWS);
    expect(rows[0]?.id).toBe(rowId(0));
    expect(rows[ROWS - 1]?.id).toBe('9007199254765992');
    expect(rows[MARKER]?.name).toBe('needle-row');

    // Search finds a line far down, case-insensitively, and brings it on screen.
    await big.find.fill('NEEDLE-ROW');
    await big.find.press('Enter');
    await expect(big.match).toHaveText('needle-row');
    const needleLine = copied.split('\n').findIndex((line) => line.includes('needle-row')) + 1;
    await expect(big.findStatus).toHaveText(`Line ${needleLine.toLocaleString('en-US')}`);
    // The last id, exact on screen too.
    await big.find.fill(rowId(ROWS - 1));
    await big.nextMatch.click();
    await expect(big.match).toHaveText(rowId(ROWS - 1));
  } finally {
    await context.close();
    server.stop();
  }
});
