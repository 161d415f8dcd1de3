import type { Locator, Page } from '@playwright/test';

/** The scripts parts of the window: the request's Script tab, the trust banner, the Tests tab. */
export class ScriptsUi {
  readonly request: Locator;
  readonly response: Locator;
  readonly scriptPart: Locator;
  readonly bodyPart: Locator;
  readonly scriptEditor: Locator;
  readonly scriptSuggestions: Locator;
  readonly scriptUnsaved: Locator;
  readonly outerScripts: Locator;
  readonly trustBanner: Locator;
  readonly trustButton: Locator;
  readonly testsPart: Locator;
  readonly testsPanel: Locator;
  readonly testsBadge: Locator;
  readonly testRows: Locator;
  readonly testFailures: Locator;
  readonly testCounts: Locator;
  readonly scriptLog: Locator;
  readonly snapshotResult: Locator;
  readonly approveButton: Locator;
  readonly scriptValues: Locator;
  readonly forgetValues: Locator;

  constructor(readonly page: Page) {
    this.request = page.getByRole('region', { name: 'Request' });
    this.response = page.getByRole('region', { name: 'Response' });
    const parts = this.request.getByRole('tablist', { name: 'Request parts' });
    this.scriptPart = parts.getByRole('tab', { name: /^Script/ });
    this.bodyPart = parts.getByRole('tab', { name: 'Body' });
    this.scriptEditor = page.getByTestId('script-editor');
    this.scriptSuggestions = this.scriptEditor.locator('.suggest-widget');
    this.scriptUnsaved = page.getByTestId('script-unsaved');
    this.outerScripts = page.getByTestId('script-outer');
    this.trustBanner = page.getByRole('region', { name: 'Workspace scripts' });
    this.trustButton = this.trustBanner.getByRole('button', { name: 'Trust this folder' });
    this.testsPart = this.response.getByRole('tab', { name: /^Tests/ });
    this.testsPanel = page.getByTestId('tests-panel');
    this.testsBadge = page.getByTestId('tests-badge');
    this.testRows = this.testsPanel.getByTestId('test-row');
    this.testFailures = this.testsPanel.getByTestId('test-failure');
    this.testCounts = this.testsPanel.getByTestId('test-counts').first();
    this.scriptLog = this.testsPanel.getByRole('list', { name: 'Script log' });
    this.snapshotResult = this.testsPanel.getByTestId('snapshot-result');
    this.approveButton = this.snapshotResult.getByRole('button', { name: 'Approve' });
    this.scriptValues = page.getByRole('region', { name: /^Values scripts set in / });
    this.forgetValues = this.scriptValues.getByRole('button', { name: 'Forget' });
  }

  /** A row of the Tests tab by its test's name. */
  testRow(name: string): Locator {
    return this.testRows.filter({ hasText: name });
  }

  /** Replaces the request's script by typing into Monaco, as a paste would (no auto-closing). */
  async setScript(text: string): Promise<void> {
    await this.scriptEditor.locator('.monaco-editor').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }

  /** Types at the end of the script, as a paste would. */
  async typeAtScriptEnd(text: string): Promise<void> {
    await this.scriptEditor.locator('.monaco-editor').click();
    await this.page.keyboard.press('ControlOrMeta+End');
    await this.page.keyboard.insertText(text);
  }
}
