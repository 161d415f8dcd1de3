import { join } from 'node:path';
import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';

// Screenshots for people to look at (test-results/screenshots): the settings dialog filled in,
// refusing a bad value, and the header with the insecure warning, in both themes.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`the connection settings dialog, ${colorScheme} theme`, async ({ app }, testInfo) => {
    await app.emulateMedia({ colorScheme });
    const shot = (name: string) =>
      app.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', `${name}-${colorScheme}.png`) });
    const loupe = new LoupePage(app);
    await expect(loupe.schemaSources).toHaveText('reflection v1');
    const settings = await loupe.openConnectionSettings();
    await settings.tls.check();
    await settings.caPath.fill('/etc/ssl/certs/my-ca.pem');
    await settings.skipVerify.check();
    await settings.maxReceiveMiB.fill('64');
    await shot('settings');

    await settings.keepaliveSeconds.fill('abc');
    await settings.protoFiles.fill('/work/api/shop/v1/shop.proto\n/work/api/shop/v1/orders.proto');
    await settings.importPaths.fill('/work/api\n/work/vendor');
    await settings.applyButton.click();
    await expect(settings.problemSummary).toBeVisible();
    // The first field to fix gets the focus.
    await expect(settings.keepaliveSeconds).toBeFocused();
    await shot('settings-invalid');

    await settings.keepaliveSeconds.fill('30');
    await settings.protoFiles.fill('');
    await settings.importPaths.fill('');
    await settings.caPath.fill('');
    await settings.apply();
    // The demo server speaks plaintext, so the TLS handshake fails: the header still warns.
    await expect(loupe.insecureWarning).toBeVisible();
    await expect(loupe.servicesError).toBeVisible();
    await shot('insecure-header');
    // The desktop window's minimum width: the header must still fit.
    await app.setViewportSize({ width: 900, height: 560 });
    await shot('insecure-header-narrow');
  });
}
