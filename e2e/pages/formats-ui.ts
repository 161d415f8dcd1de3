import { type Locator, type Page } from '@playwright/test';

/** The request body's text format view, the selected message's formats and wire view, and Decode bytes. */
export class FormatsUi {
  readonly textEditor: Locator;
  readonly textProblem: Locator;
  readonly textErrorMarkers: Locator;
  readonly detailTextViewer: Locator;
  readonly wireView: Locator;
  readonly wireTree: Locator;
  readonly highlightedBytes: Locator;
  readonly decodeDialog: Locator;
  readonly decodeBytes: Locator;
  readonly decodeType: Locator;
  readonly decodeButton: Locator;
  readonly decodedJson: Locator;
  readonly decodeTree: Locator;
  readonly paletteDecodeItem: Locator;
  readonly detailCopy: Locator;

  constructor(readonly page: Page) {
    this.textEditor = page.getByTestId('request-text-editor');
    this.textProblem = page.getByTestId('text-format-problem');
    this.textErrorMarkers = this.textEditor.locator('.squiggly-error');
    this.detailTextViewer = page.getByTestId('detail-text-viewer');
    this.wireView = page.getByTestId('wire-view');
    this.wireTree = page.getByRole('tree', { name: 'Fields on the wire' });
    this.highlightedBytes = page.getByTestId('wire-hex').locator('[data-highlighted]');
    this.decodeDialog = page.getByRole('dialog', { name: 'Decode bytes' });
    this.decodeBytes = this.decodeDialog.getByLabel('Bytes to decode');
    this.decodeType = this.decodeDialog.getByLabel('Message type');
    this.decodeButton = this.decodeDialog.getByRole('button', { name: 'Decode', exact: true });
    this.decodedJson = this.decodeDialog.getByTestId('decoded-json');
    this.decodeTree = this.decodeDialog.getByRole('tree', { name: 'Fields on the wire' });
    this.paletteDecodeItem = page.getByRole('option', { name: /^Decode bytes/ });
    this.detailCopy = page.getByRole('region', { name: 'Selected message' }).getByRole('button', { name: 'Copy' });
  }

  /** JSON or Text: the request body's form. */
  bodyFormat(name: 'JSON' | 'Form' | 'Text'): Locator {
    return this.page.getByRole('tablist', { name: 'Body view' }).getByRole('tab', { name, exact: true });
  }

  /** JSON, Text or Wire: the selected message's form. */
  detailFormat(name: 'JSON' | 'Text' | 'Wire'): Locator {
    return this.page.getByRole('tablist', { name: 'Message format' }).getByRole('tab', { name, exact: true });
  }

  /** A field in a wire tree, by the start of its line: number, then name (or wire type, or "unknown"). */
  wireField(tree: Locator, field: number, name: string): Locator {
    return tree.getByRole('button', { name: new RegExp(`^${field} ${name} `) });
  }

  /** Replaces the text-format body by typing into Monaco, as a user would. */
  async setTextBody(text: string): Promise<void> {
    await this.textEditor.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }

  async textBody(): Promise<string> {
    return (await this.textEditor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  async detailText(): Promise<string> {
    return (await this.detailTextViewer.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }
}
