import { join } from 'node:path';
import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';

// Screenshots for people to look at (test-results/screenshots), in both themes, after a real call.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`the main window after a call, ${colorScheme} theme`, async ({ app }, testInfo) => {
    await app.emulateMedia({ colorScheme });
    const loupe = new LoupePage(app);
    await loupe.openMethod('GetSample');
    await loupe.sendButton.click();
    await expect(loupe.statusBadge).toHaveText('0 OK');
    await expect.poll(() => loupe.responseText()).toContain('{');
    await app.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', `main-${colorScheme}.png`) });
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a bidi conversation and its timeline, ${colorScheme} theme`, async ({ app }, testInfo) => {
    await app.emulateMedia({ colorScheme });
    const loupe = new LoupePage(app);
    await loupe.openMethod('Chat');
    await loupe.setRequestBody('{"user": "ann", "text": "hello"}');
    await loupe.composer.startStream.click();
    await expect(loupe.timeline.receivedCount).toHaveText('1');
    await loupe.setRequestBody('{"user": "ann", "text": "how are you?"}');
    await loupe.composer.sendMessage.click();
    await expect(loupe.timeline.receivedCount).toHaveText('2');
    await loupe.timeline.receivedRow(2).click();
    await expect.poll(() => loupe.timeline.detailText()).toContain('how are you?');
    await app.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', `bidi-${colorScheme}.png`) });
  });
}

test('a long server stream in the timeline', async ({ app }, testInfo) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Ticker');
  await loupe.setRequestBody('{"count": 50000, "payloadBytes": 200}');
  await loupe.sendButton.click();
  await expect(loupe.timeline.receivedCount).toHaveText('50,000', { timeout: 120_000 });
  await loupe.timeline.receivedRow(50_000).click();
  await expect.poll(() => loupe.timeline.detailText()).toContain('"seq": "50000"');
  await app.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', 'server-stream.png') });
});
