import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const BLOCKING = new Set(['serious', 'critical']);

/**
 * Runs axe-core on the window as it is, in the light and the dark theme, and fails on any serious
 * or critical violation, printing each rule, why, and the elements (selector and HTML) it found.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).analyze();
    for (const v of results.violations) {
      if (!BLOCKING.has(v.impact ?? '')) continue;
      const nodes = v.nodes
        .slice(0, 8)
        .map(
          (n) =>
            `      ${n.target.join(' ')}\n        ${n.html.slice(0, 200)}\n        ${n.failureSummary?.replace(/\n/g, ' ') ?? ''}`,
        )
        .join('\n');
      found.push(`  [${colorScheme}] ${v.id} (${v.impact}): ${v.help}\n${nodes}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (found.length > 0) console.log(`axe on ${screen}:\n${found.join('\n')}`);
  expect(found, `serious or critical accessibility violations on ${screen}`).toEqual([]);
}
