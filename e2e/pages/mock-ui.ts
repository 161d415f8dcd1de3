import type { Locator, Page } from '@playwright/test';

/** The mock server beside the target bar: its button, and the panel it opens while running. */
export class MockUiPage {
  /** "Mock" when none runs; "● Mock" with the count of calls while one does. */
  readonly button: Locator;
  readonly panel: Locator;
  readonly address: Locator;
  readonly openTabButton: Locator;
  readonly stopButton: Locator;
  readonly hideButton: Locator;
  readonly problems: Locator;
  readonly log: Locator;
  readonly logRows: Locator;

  constructor(page: Page) {
    this.button = page.getByRole('button', { name: /Mock/ });
    this.panel = page.getByRole('region', { name: 'Mock server' });
    this.address = this.panel.getByTestId('mock-address');
    this.openTabButton = this.panel.getByRole('button', { name: 'Open a tab on it' });
    this.stopButton = this.panel.getByRole('button', { name: 'Stop' });
    this.hideButton = this.panel.getByRole('button', { name: 'Hide' });
    this.problems = this.panel.getByRole('list', { name: 'Rule files left out' }).getByRole('listitem');
    this.log = this.panel.getByRole('log', { name: 'Calls the mock received' });
    this.logRows = this.log.getByRole('listitem');
  }
}
