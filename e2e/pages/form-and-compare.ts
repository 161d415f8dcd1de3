import type { Locator, Page } from '@playwright/test';

/** The request body's Form view and the Compare (diff) view. */
export class FormAndCompare {
  readonly formView: Locator;
  readonly jsonView: Locator;
  readonly form: Locator;
  /** A problem the form shows: an input that does not parse, JSON that is broken. */
  readonly formProblems: Locator;
  readonly compareView: Locator;
  readonly compareIgnore: Locator;
  /** Monaco's marks of inserted and removed text in the Compare view. */
  readonly compareChanges: Locator;
  readonly compareNoDifferences: Locator;
  readonly compareClose: Locator;
  readonly compareModifiedSide: Locator;

  constructor(readonly page: Page) {
    const views = page.getByRole('tablist', { name: 'Body view' });
    this.formView = views.getByRole('tab', { name: 'Form' });
    this.jsonView = views.getByRole('tab', { name: 'JSON' });
    this.form = page.getByTestId('request-form');
    this.formProblems = this.form.getByRole('alert');
    const dialog = page.getByRole('dialog', { name: 'Compare' });
    this.compareView = dialog.getByTestId('compare-view');
    this.compareIgnore = dialog.getByLabel('Ignore fields');
    this.compareChanges = dialog.locator('.editor.modified .char-insert');
    this.compareNoDifferences = dialog.getByRole('status');
    this.compareClose = dialog.getByRole('button', { name: 'Close', exact: true });
    this.compareModifiedSide = dialog.locator('.editor.modified .view-lines[role="presentation"]');
  }

  /** An input of the form, by the field's path as the form names it (name, address.label, extra: type). */
  field(path: string): Locator {
    return this.form.getByLabel(path, { exact: true });
  }

  /** The Set button of an unset message field (a nested message, a wrapper, an Any). */
  setButton(path: string): Locator {
    return this.form.getByRole('button', { name: `Set ${path}`, exact: true });
  }

  /**
   * Presses Tab until the element has the focus, as a keyboard user moves through the window;
   * bounded: fails after `most` presses.
   */
  async tabTo(target: Locator, most = 12): Promise<void> {
    for (let i = 0; i < most; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`${String(target)} did not take the focus within ${most} presses of Tab`);
  }

  /** "Compare…" / "Compare with …" on a history entry (nth, newest first). */
  compareHistoryEntry(history: Locator, nth: number): Locator {
    return history
      .getByRole('listitem')
      .nth(nth)
      .getByRole('button', { name: /^Compare/ });
  }
}
