import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';

/**
 * Screenshots for people to look at (test-results/.../screenshots), in the light and the dark
 * theme, of the window as a spec left it.
 */
export async function screenshotBothThemes(app: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme });
    await app.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', `${name}-${colorScheme}.png`) });
  }
}
