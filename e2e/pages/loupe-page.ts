import { expect, type Locator, type Page } from '@playwright/test';

/** Every locator the specs use lives here; specs speak in user terms. */
export class LoupePage {
  readonly serverAddress: Locator;
  readonly reflectButton: Locator;
  readonly services: Locator;
  readonly methodFilter: Locator;
  readonly requestEditor: Locator;
  readonly sendButton: Locator;
  readonly statusBadge: Locator;
  readonly responseViewer: Locator;
  readonly response: Locator;

  constructor(readonly page: Page) {
    this.serverAddress = page.getByLabel('Server address');
    this.reflectButton = page.getByRole('button', { name: 'Reflect' });
    this.services = page.getByRole('navigation', { name: 'Services' });
    this.methodFilter = page.getByRole('searchbox', { name: 'Filter methods' });
    this.requestEditor = page.getByTestId('request-editor');
    this.sendButton = page.getByRole('button', { name: 'Send' });
    this.statusBadge = page.getByTestId('status-badge');
    this.responseViewer = page.getByTestId('response-viewer');
    this.response = page.getByRole('region', { name: 'Response' });
  }

  service(fullName: string): Locator {
    return this.services.getByText(fullName, { exact: true });
  }

  method(name: string): Locator {
    return this.services.getByRole('button', { name });
  }

  async openMethod(name: string): Promise<void> {
    await this.method(name).click();
    await expect(this.requestEditor.locator('.monaco-editor')).toBeVisible();
  }

  /** Replaces the request body by typing into Monaco, as a user would. */
  async setRequestBody(json: string): Promise<void> {
    await this.requestEditor.locator('.monaco-editor').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    // Monaco auto-closes brackets and quotes; insertText bypasses that like a paste would.
    await this.page.keyboard.insertText(json);
  }

  /** The response viewer's text (Monaco renders only visible lines; responses here are short). */
  async responseText(): Promise<string> {
    return (await this.responseViewer.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }
}
