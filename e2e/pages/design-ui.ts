import type { Locator, Page } from '@playwright/test';

/** The window's help for new and keyboard users: the first-run hint, the shortcut list, empty states. */
export class DesignUi {
  readonly firstRunHint: Locator;
  readonly dismissFirstRunHint: Locator;
  readonly openDemoCall: Locator;
  readonly shortcutHelp: Locator;
  readonly shortcutHelpClose: Locator;
  readonly emptyResponse: Locator;
  readonly paletteCommand: (name: string) => Locator;
  readonly header: Locator;
  readonly sidebarPanel: Locator;
  readonly resizeHandles: Locator;
  /** A method's name as the tree shows it (the text, not the whole item). */
  readonly methodName: (name: string) => Locator;
  /** Text anywhere in the response panel (a header value, a status message). */
  readonly responseText: (text: string) => Locator;

  constructor(readonly page: Page) {
    this.firstRunHint = page.getByRole('region', { name: 'Getting started' });
    this.dismissFirstRunHint = this.firstRunHint.getByRole('button', { name: 'Got it' });
    this.openDemoCall = this.firstRunHint.getByRole('button', { name: 'Open GetSample' });
    this.shortcutHelp = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    this.shortcutHelpClose = this.shortcutHelp.getByRole('button', { name: 'Close' });
    this.emptyResponse = page.getByTestId('response-empty');
    this.paletteCommand = (name: string) =>
      page.getByRole('dialog', { name: 'Find a method' }).getByRole('option', { name: new RegExp(`^${name}`) });
    this.header = page.locator('header.app-header');
    this.sidebarPanel = page.getByRole('tabpanel').filter({ has: page.getByRole('navigation', { name: 'Services' }) });
    this.resizeHandles = page.getByRole('separator');
    this.methodName = (name: string) =>
      page
        .getByRole('navigation', { name: 'Services' })
        .getByRole('treeitem', { name })
        .getByText(name, { exact: true });
    this.responseText = (text: string) => page.getByRole('region', { name: 'Response' }).getByText(text);
  }
}

/** The request's metadata section: its toggle and its Add button. */
export class MetadataSection {
  readonly toggle: Locator;
  readonly addButton: Locator;

  constructor(page: Page) {
    const request = page.getByRole('region', { name: 'Request' });
    this.toggle = request.getByText('Metadata', { exact: true });
    this.addButton = request.getByRole('button', { name: 'Add metadata' });
  }
}

/**
 * Keys only, as a keyboard user moves: Tab (or Shift+Tab, `back`) until an element has the focus,
 * a bounded walk.
 */
export async function tabTo(page: Page, target: Locator, what: string, most = 40, back = false): Promise<void> {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${what} was not reached with ${most} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}
