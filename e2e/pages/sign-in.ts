import type { Locator, Page } from '@playwright/test';

/** The Auth section of the connection settings dialog. */
export class AuthSettings {
  readonly type: Locator;
  readonly flow: Locator;
  readonly issuer: Locator;
  readonly clientId: Locator;
  readonly clientSecret: Locator;
  readonly scope: Locator;
  readonly token: Locator;

  constructor(dialog: Locator) {
    this.type = dialog.getByLabel('Auth type');
    this.flow = dialog.getByLabel('Flow', { exact: true });
    this.issuer = dialog.getByLabel('Issuer', { exact: true });
    this.clientId = dialog.getByLabel('Client id', { exact: true });
    this.clientSecret = dialog.getByLabel('Client secret', { exact: true });
    this.scope = dialog.getByLabel('Scope', { exact: true });
    this.token = dialog.getByLabel('Token', { exact: true });
  }

  /** The error under one of the section's fields. */
  error(field: 'token' | 'clientSecret' | 'issuer'): Locator {
    return this.token.page().locator(`#settings-auth-${field}-error`);
  }
}

/** The notice of a sign-in the engine waits for, in Loupe's window. */
export class SignInNotice {
  readonly notice: Locator;
  readonly openLink: Locator;
  readonly dismiss: Locator;

  constructor(page: Page) {
    this.notice = page.getByRole('status', { name: 'Sign-in' });
    this.openLink = this.notice.getByRole('link');
    this.dismiss = this.notice.getByRole('button', { name: 'Dismiss' });
  }
}

/** The issuer's own pages in the browser (oidc-provider's development login and consent). */
export class IssuerPages {
  readonly login: Locator;
  readonly password: Locator;
  readonly signIn: Locator;
  readonly allow: Locator;
  /** Loupe's page on the loopback redirect once the code arrived. */
  readonly signedIn: Locator;

  constructor(page: Page) {
    this.login = page.locator('input[name="login"]');
    this.password = page.locator('input[name="password"]');
    this.signIn = page.getByRole('button', { name: /sign-?in/i });
    this.allow = page.getByRole('button', { name: /continue|authorize|allow/i });
    this.signedIn = page.getByText('Signed in. You can close this tab');
  }
}
