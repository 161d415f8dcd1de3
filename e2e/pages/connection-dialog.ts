import { expect, type Locator, type Page } from '@playwright/test';

/** The connection settings dialog. */
export class ConnectionSettings {
  readonly dialog: Locator;
  readonly protocol: Locator;
  readonly httpVersion: Locator;
  readonly connectCodec: Locator;
  readonly plaintext: Locator;
  readonly tls: Locator;
  readonly caPath: Locator;
  readonly certPath: Locator;
  readonly keyPath: Locator;
  readonly skipVerify: Locator;
  readonly insecureNote: Locator;
  readonly authority: Locator;
  /** Proxy: "From the environment or system", "No proxy", "This proxy" and its URL. */
  readonly proxyFromSystem: Locator;
  readonly noProxy: Locator;
  readonly thisProxy: Locator;
  readonly proxyUrl: Locator;
  readonly maxSendMiB: Locator;
  readonly maxReceiveMiB: Locator;
  readonly keepaliveSeconds: Locator;
  readonly connectTimeoutSeconds: Locator;
  readonly gzip: Locator;
  readonly reflection: Locator;
  readonly protoFiles: Locator;
  readonly importPaths: Locator;
  readonly protosets: Locator;
  readonly browseButtons: Locator;
  readonly applyButton: Locator;
  readonly cancelButton: Locator;
  /** What Apply refused, next to the buttons ("One setting needs attention."). */
  readonly problemSummary: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Connection settings' });
    const d = this.dialog;
    this.protocol = d.getByLabel('Wire protocol');
    this.httpVersion = d.getByLabel('HTTP version');
    this.connectCodec = d.getByLabel('Connect messages');
    this.plaintext = d.getByRole('radio', { name: /Plaintext/ });
    this.tls = d.getByRole('radio', { name: 'TLS', exact: true });
    this.caPath = d.getByLabel('CA bundle (PEM)', { exact: true });
    this.certPath = d.getByLabel('Client certificate (mTLS)', { exact: true });
    this.keyPath = d.getByLabel('Client key (mTLS)', { exact: true });
    this.skipVerify = d.getByRole('checkbox', { name: /Skip certificate verification/ });
    this.insecureNote = d.getByText(/Any server certificate will be accepted/);
    this.authority = d.getByLabel('Authority override');
    this.proxyFromSystem = d.getByRole('radio', { name: 'From the environment or system' });
    this.noProxy = d.getByRole('radio', { name: 'No proxy' });
    this.thisProxy = d.getByRole('radio', { name: 'This proxy' });
    this.proxyUrl = d.getByLabel('Proxy URL');
    this.maxSendMiB = d.getByLabel('Max send message size (MiB)');
    this.maxReceiveMiB = d.getByLabel('Max receive message size (MiB)');
    this.keepaliveSeconds = d.getByLabel('Keepalive interval (seconds)');
    this.connectTimeoutSeconds = d.getByLabel('Connect timeout (seconds)');
    this.gzip = d.getByRole('checkbox', { name: /gzip/ });
    this.reflection = d.getByRole('checkbox', { name: 'Use server reflection' });
    this.protoFiles = d.getByLabel('.proto files', { exact: true });
    this.importPaths = d.getByLabel('Import paths', { exact: true });
    this.protosets = d.getByLabel('Protosets', { exact: true });
    this.browseButtons = d.getByRole('button', { name: /^Browse for/ });
    this.applyButton = d.getByRole('button', { name: 'Apply' });
    this.cancelButton = d.getByRole('button', { name: 'Cancel' });
    this.problemSummary = d.getByRole('alert');
  }

  async apply(): Promise<void> {
    await this.applyButton.click();
    await expect(this.dialog).toBeHidden();
  }
}
