import { expect, type Locator, type Page } from '@playwright/test';

/** The window sizes every main screen must fit: a small laptop, a common one, a desktop. */
export const WINDOW_SIZES = [
  { width: 1024, height: 640 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/**
 * The element is wholly inside the viewport and on top where it is drawn (nothing overlaps its
 * middle): a user can see it and click it.
 */
export async function expectUncovered(page: Page, locator: Locator, what: string): Promise<void> {
  const viewport = page.viewportSize();
  const box = await locator.boundingBox();
  expect(box, `${what} is laid out`).not.toBeNull();
  if (!box || !viewport) return;
  expect(box.x, `${what} starts inside the window`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${what} starts inside the window`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what} ends inside the window`).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(box.y + box.height, `${what} ends inside the window`).toBeLessThanOrEqual(viewport.height + 0.5);
  const onTop = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return hit !== null && el.contains(hit);
  });
  expect(onTop, `${what} is not covered by another element`).toBe(true);
}

/** The element is inside its scrolling container's visible box (e.g. the active tab in its strip). */
export async function expectScrolledIntoView(item: Locator, container: Locator, what: string): Promise<void> {
  const [i, c] = [await item.boundingBox(), await container.boundingBox()];
  expect(i && c, `${what} and its container are laid out`).toBeTruthy();
  if (!i || !c) return;
  expect(i.x, `${what} starts inside its strip`).toBeGreaterThanOrEqual(c.x - 0.5);
  expect(i.x + i.width, `${what} ends inside its strip`).toBeLessThanOrEqual(c.x + c.width + 0.5);
}

/**
 * The text is not cut off silently: either all of it is shown (it wraps), or it is truncated
 * with the whole value in its title, for hover.
 */
export async function expectWholeOrTitled(locator: Locator, what: string): Promise<void> {
  const state = await locator.evaluate((el) => {
    const cut = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
    const titled = (el.closest('[title]')?.getAttribute('title') ?? '').includes((el.textContent ?? '').trim());
    return { cut, titled };
  });
  expect(!state.cut || state.titled, `${what} is shown whole, or truncated with its whole text on hover`).toBe(true);
}

/** The page itself never scrolls sideways: every panel fits the window. */
export async function expectNoPageOverflow(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what}: the window scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

/**
 * The controls inside the element (buttons, fields, menus) are laid out in at most `rows` rows: a
 * toolbar that wraps further pushes what is below it out of a small window.
 */
export async function expectRowsAtMost(locator: Locator, rows: number, what: string): Promise<void> {
  const middles = await locator.evaluate((el) =>
    Array.from(el.querySelectorAll('button, select, input'))
      .map((control) => control.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => r.top + r.height / 2),
  );
  expect(middles.length, `${what} shows its controls`).toBeGreaterThan(0);
  // Controls of one row are centred on one line; a new row starts a control's height below.
  const sorted = middles.sort((a, b) => a - b);
  let count = 1;
  for (let i = 1, rowStart = sorted[0]!; i < sorted.length; i++) {
    if (sorted[i]! - rowStart > 8) {
      count++;
      rowStart = sorted[i]!;
    }
  }
  expect(count, `${what} is laid out in ${count} rows`).toBeLessThanOrEqual(rows);
}
