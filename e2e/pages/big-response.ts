import { type Locator, type Page } from '@playwright/test';

/** The big response view: a response too big for the editor, its search, progress and copy. */
export class BigResponse {
  readonly viewer: Locator;
  readonly progress: Locator;
  readonly find: Locator;
  readonly nextMatch: Locator;
  readonly findStatus: Locator;
  readonly match: Locator;
  readonly copy: Locator;
  readonly lines: Locator;

  constructor(readonly page: Page) {
    const response = page.getByRole('region', { name: 'Response' });
    this.viewer = response.getByTestId('response-viewer');
    this.progress = response.getByTestId('response-progress');
    this.find = this.viewer.getByRole('searchbox', { name: 'Find in response' });
    this.nextMatch = this.viewer.getByRole('button', { name: 'Next match' });
    this.findStatus = this.viewer.getByTestId('big-text-find-status');
    this.match = this.viewer.getByTestId('big-text-match');
    this.copy = response.getByRole('button', { name: 'Copy response' });
    this.lines = this.viewer.locator('.big-text-line');
  }

  /** The line on screen that contains `text`. */
  line(text: string): Locator {
    return this.lines.filter({ hasText: text });
  }

  /** The page's clipboard (the context must have been granted clipboard-read). */
  clipboardText(): Promise<string> {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}
