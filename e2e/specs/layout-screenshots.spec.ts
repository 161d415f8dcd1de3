import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { DesignUi, MetadataSection } from '../pages/design-ui';
import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';
import {
  expectNoPageOverflow,
  expectRowsAtMost,
  expectScrolledIntoView,
  expectUncovered,
  expectWholeOrTitled,
  WINDOW_SIZES,
} from '../support/layout';
import {
  LONG_HEADER_VALUE,
  LONG_PROTO,
  LONG_SERVICE,
  LONG_STREAM,
  LONG_UNARY,
  startLongNamesServer,
  type LongNamesServer,
} from '../support/long-names-server';

// Every main screen at three window sizes and both themes, with the long names real APIs have:
// screenshots for people to look at (test-results/.../layout), and checks that nothing that
// matters is cut off, covered or pushed out of the window.

let server: LongNamesServer;
test.beforeAll(async () => {
  server = await startLongNamesServer();
});
test.afterAll(() => server?.stop());

async function shoot(app: Page, testInfo: TestInfo, size: string, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme });
    await app.screenshot({ path: join(testInfo.project.outputDir, 'layout', `${size}-${name}-${colorScheme}.png`) });
  }
  await app.emulateMedia({ colorScheme: 'light' });
}

for (const viewport of WINDOW_SIZES) {
  const size = `${viewport.width}x${viewport.height}`;
  test(`every main screen fits ${size} with long names`, async ({ app }, testInfo) => {
    await app.setViewportSize(viewport);
    const loupe = new LoupePage(app);
    const design = new DesignUi(app);
    await expect(loupe.method('GetSample')).toBeVisible();
    await expect(design.firstRunHint).toBeVisible();
    await expectNoPageOverflow(app, 'the window at start');
    await shoot(app, testInfo, size, '1-start');

    // A server whose package, service, method and fields have long names.
    await loupe.serverAddress.fill(server.address);
    await loupe.reflectButton.click();
    await expect(loupe.service(LONG_SERVICE)).toBeVisible();
    await loupe.openMethod(LONG_UNARY);
    await expectWholeOrTitled(loupe.requestTitle, 'the method’s full name');
    await expectWholeOrTitled(design.methodName(LONG_UNARY), 'the method in the tree');
    const metadata = new MetadataSection(app);
    await metadata.toggle.click();
    await metadata.addButton.click();
    await loupe.metadataName(1).fill('x-very-long-trace-context-header-name-for-distributed-tracing');
    await loupe.metadataValue(1).fill(LONG_HEADER_VALUE);
    await expectUncovered(app, loupe.sendButton, 'Send');

    await loupe.sendButton.click();
    await expect(loupe.statusBadge).toHaveText('0 OK');
    await expect.poll(() => loupe.responseText()).toContain('relationships');
    await expectUncovered(app, loupe.statusBadge, 'the status badge');
    await expectUncovered(app, loupe.sendButton, 'Send, after the response');
    await expectNoPageOverflow(app, 'after a call');
    await shoot(app, testInfo, size, '2-unary-long-names');

    await loupe.responsePart('Headers').click();
    await expect(design.responseText(LONG_HEADER_VALUE)).toBeVisible();
    await expectNoPageOverflow(app, 'the long header value');
    await shoot(app, testInfo, size, '3-long-header');

    // An error: the explanation first, readable, with its details behind a toggle.
    await loupe.setRequestBody('{"pageSize": "not a number"}');
    await loupe.sendButton.click();
    await expect(loupe.callExplanation.first()).toBeVisible();
    await expectUncovered(app, loupe.sendButton, 'Send, beside an error');
    await shoot(app, testInfo, size, '3b-error');

    await loupe.openMethod(LONG_STREAM);
    await loupe.sendButton.click();
    await expect(loupe.timeline.receivedCount).toHaveText('3');
    await loupe.timeline.receivedRow(3).click();
    await expect.poll(() => loupe.timeline.detailText()).toContain('account-3');
    await expectUncovered(app, loupe.statusBadge, 'the stream’s status badge');
    await expectNoPageOverflow(app, 'a stream');
    // Two rows at most on a small laptop, one where the window has room.
    await expectRowsAtMost(loupe.timeline.toolbar, viewport.width >= 1920 ? 1 : 2, 'the timeline toolbar');
    await shoot(app, testInfo, size, '4-stream-timeline');

    // Many tabs: the strip scrolls, and the tab shown is always in view.
    for (let i = 0; i < 10; i++) await loupe.newTabButton.click();
    await loupe.openMethod(LONG_UNARY);
    await expectScrolledIntoView(loupe.activeRequestTab, loupe.requestTabs, 'the active tab');
    await expectUncovered(app, loupe.newTabButton, 'the New tab button');
    await shoot(app, testInfo, size, '5-many-tabs');

    const settings = await loupe.openConnectionSettings();
    await settings.reflection.uncheck();
    await settings.protoFiles.fill(LONG_PROTO);
    await expectUncovered(app, settings.applyButton, 'Apply in the connection settings');
    await shoot(app, testInfo, size, '6-connection-settings');
    await settings.cancelButton.click();

    await loupe.openPalette();
    await loupe.paletteInput.fill('relationship');
    await shoot(app, testInfo, size, '7-palette');
    await app.keyboard.press('Escape');

    await loupe.methodFilter.focus();
    await app.keyboard.press('Tab');
    await app.keyboard.press('?');
    await expect(design.shortcutHelp).toBeVisible();
    await expectUncovered(app, design.shortcutHelpClose, 'Close in the shortcut list');
    await shoot(app, testInfo, size, '8-shortcuts');
  });
}
