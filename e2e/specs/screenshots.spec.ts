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
