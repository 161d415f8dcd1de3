import {
  API_AUDIENCE,
  NATIVE_CLIENT,
  startTestIssuer,
  type TestIssuer,
} from '../../electron/core/auth/test-support/oidc-issuer';
import {
  startTokenCheckingServer,
  type TokenCheckingServer,
} from '../../electron/core/auth/test-support/token-checking-server';
import { LoupePage } from '../pages/loupe-page';
import { AuthSettings, IssuerPages, SignInNotice } from '../pages/sign-in';
import { expect, test } from '../support/fixtures';

/*
 * A service behind an OAuth 2.0 issuer, reached from browser mode: the authorization code flow
 * with PKCE, signing in on the issuer's own pages in Chromium, the code coming back on the
 * engine's loopback redirect. Real issuer (oidc-provider) and a gRPC server checking the JWTs.
 */

let issuer: TestIssuer;
let api: TokenCheckingServer;

test.beforeAll(async () => {
  issuer = await startTestIssuer();
  api = await startTokenCheckingServer({ issuer: issuer.url, audience: API_AUDIENCE });
});
test.afterAll(async () => {
  await api?.stop();
  await issuer?.close();
});

test('authorization code in the browser: sign in on the issuer, then reflect and call', async ({ app }, testInfo) => {
  test.skip(
    testInfo.project.name === 'electron',
    'the desktop app opens the sign-in page in the system browser, which a test cannot drive',
  );
  const loupe = new LoupePage(app);
  await loupe.serverAddress.fill(api.address);
  const settings = await loupe.openConnectionSettings();
  const auth = new AuthSettings(settings.dialog);
  await auth.type.selectOption('oauth2');
  await auth.flow.selectOption('authorization-code');
  await auth.issuer.fill(issuer.url);
  await auth.clientId.fill(NATIVE_CLIENT);
  await auth.scope.fill('openid api:read');
  await settings.apply();

  // Reflection needs a token: the window offers the sign-in page.
  const notice = new SignInNotice(app);
  await expect(notice.notice).toContainText('A call is waiting for you to sign in');
  const [issuerPage] = await Promise.all([app.context().waitForEvent('page'), notice.openLink.click()]);
  const pages = new IssuerPages(issuerPage);
  await pages.login.fill('ada');
  await pages.password.fill('secret');
  await pages.signIn.click();
  await pages.allow.click();
  await expect(pages.signedIn).toBeVisible();
  await issuerPage.close();
  await notice.dismiss.click();

  await expect(loupe.service('loupe.demo.v1.Demo')).toBeVisible();
  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"message": "signed in"}');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await loupe.responsePart('Timeline').click();
  await expect(loupe.timeline.eventRow('Started')).toContainText('auth: OAuth 2.0 (authorization code), token expires');
  expect(api.accepted.length).toBeGreaterThanOrEqual(2);
});

test('a secret typed into the Auth section is refused: it would be saved in the workspace', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.serverAddress.fill(api.address);
  const settings = await loupe.openConnectionSettings();
  const auth = new AuthSettings(settings.dialog);
  await auth.type.selectOption('bearer');
  await auth.token.fill('eyJhbGciOiJIUzI1NiJ9.e30.x');
  await settings.applyButton.click();
  await expect(auth.error('token')).toContainText('Write a secret variable here, e.g. {{token}}');
  await expect(settings.problemSummary).toHaveText('One setting needs attention.');
  await auth.token.fill('{{token}}');
  await settings.apply();
});
