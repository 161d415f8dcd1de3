import { DesignUi } from '../pages/design-ui';
import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';

test('the first-run hint opens the demo’s first call, and once dismissed stays dismissed', async ({ app }) => {
  const loupe = new LoupePage(app);
  const design = new DesignUi(app);
  await expect(design.firstRunHint).toBeVisible();
  await expect(design.firstRunHint).toContainText('press ?');
  await design.openDemoCall.click();
  await expect(loupe.requestTitle).toHaveText('loupe.demo.v1.Demo.GetSample');
  // Still there until the user says so: the next step (Send) is what it explains.
  await expect(design.firstRunHint).toBeVisible();
  await design.dismissFirstRunHint.click();
  await expect(design.firstRunHint).toBeHidden();
  await expect(design.emptyResponse).toBeVisible();

  await app.reload();
  await expect(loupe.method('Echo')).toBeVisible();
  await expect(design.emptyResponse).toBeVisible();
  await expect(design.firstRunHint).toBeHidden();
});
