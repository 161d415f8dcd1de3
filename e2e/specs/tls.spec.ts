import type { DemoServer } from '../../electron/core/demo';
import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';
import { makePems, startTlsDemo, type Pems } from '../support/tls-server';

let pems: Pems;
let tlsServer: DemoServer;
let mtlsServer: DemoServer;

test.beforeAll(async () => {
  pems = await makePems();
  tlsServer = await startTlsDemo(pems);
  mtlsServer = await startTlsDemo(pems, { requireClientCert: true });
});

test.afterAll(async () => {
  await tlsServer?.stop();
  await mtlsServer?.stop();
});

test('TLS with the CA bundle: reflect the server and make a unary call', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.serverAddress.fill(tlsServer.address);
  const settings = await loupe.openConnectionSettings();
  await settings.tls.check();
  await settings.caPath.fill(pems.caPath);
  await settings.apply();

  await expect(loupe.transportBadge).toHaveText('TLS');
  await expect(loupe.insecureWarning).toBeHidden();
  await expect(loupe.service('loupe.demo.v1.Demo')).toBeVisible();
  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"message": "over TLS"}');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect.poll(() => loupe.responseText()).toContain('"message": "over TLS"');
});

test('TLS without the CA bundle explains that the certificate is not trusted', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.serverAddress.fill(tlsServer.address);
  const settings = await loupe.openConnectionSettings();
  await settings.tls.check();
  await settings.apply();

  // Today the schema load passes grpc-js's words through ("unable to verify the first
  // certificate"); calls get the plain-language diagnosis ("not issued by a trusted CA").
  // Either explains it; a refused connection or a timeout does not.
  await expect(loupe.servicesError).toContainText(/unable to verify the first certificate|not trusted|trusted CA/i);
});

test('plaintext against a TLS server fails instead of hanging', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.serverAddress.fill(tlsServer.address);
  await loupe.reflectButton.click();
  await expect(loupe.transportBadge).toHaveText('Plaintext');
  await expect(loupe.servicesError).toBeVisible();
});

test('skipping verification works and is flagged as insecure in the header', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.serverAddress.fill(tlsServer.address);
  const settings = await loupe.openConnectionSettings();
  await settings.tls.check();
  await settings.skipVerify.check();
  await expect(settings.insecureNote).toBeVisible();
  await settings.apply();

  await expect(loupe.insecureWarning).toBeVisible();
  await expect(loupe.insecureWarning).toContainText('Insecure');
  await expect(loupe.service('loupe.demo.v1.Demo')).toBeVisible();

  // Back to a verified connection: the warning goes away.
  await loupe.openConnectionSettings();
  await settings.skipVerify.uncheck();
  await settings.caPath.fill(pems.caPath);
  await settings.apply();
  await expect(loupe.insecureWarning).toBeHidden();
  await expect(loupe.service('loupe.demo.v1.Demo')).toBeVisible();
});

test('mTLS: the client certificate and key from the settings are presented', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.serverAddress.fill(mtlsServer.address);
  const settings = await loupe.openConnectionSettings();
  await settings.tls.check();
  await settings.caPath.fill(pems.caPath);
  await settings.apply();
  // Without a client certificate the server refuses the handshake.
  await expect(loupe.servicesError).toBeVisible();

  await loupe.openConnectionSettings();
  await settings.certPath.fill(pems.clientCertPath);
  await settings.keyPath.fill(pems.clientKeyPath);
  await settings.apply();
  await expect(loupe.transportBadge).toHaveText('mTLS');
  await expect(loupe.service('loupe.demo.v1.Demo')).toBeVisible();
});
