import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';

test('a failing call shows its status, message and decoded error details', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"message": "x", "fail": {"code": 3, "message": "name is required", "withDetails": true}}');
  await loupe.sendButton.click();

  await expect(loupe.statusBadge).toHaveText('3 INVALID_ARGUMENT');
  await expect(app.getByTestId('status-message')).toHaveText('name is required');
  await loupe.response.getByRole('tab', { name: /Error details/ }).click();
  await expect(app.getByTestId('details-viewer')).toContainText('google.rpc.BadRequest');
});

test('an invalid request body is refused with the field named, before anything is sent', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"mesage": "typo"}');
  await loupe.sendButton.click();
  await expect(loupe.response.getByRole('alert')).toContainText('mesage');
});

test('an unreachable server is explained in the service list', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.serverAddress.fill('127.0.0.1:1');
  await loupe.reflectButton.click();
  await expect(loupe.services.getByRole('alert')).toContainText(/refused|unavailable|reach/i);
});
