import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';
import { screenshotBothThemes } from '../support/screenshots';

test('a failing call shows its status, message and decoded error details', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Echo');
  await loupe.setRequestBody(
    '{"message": "x", "fail": {"code": 3, "message": "name is required", "withDetails": true}}',
  );
  await loupe.sendButton.click();

  await expect(loupe.statusBadge).toHaveText('3 INVALID_ARGUMENT');
  await expect(loupe.statusMessage).toHaveText('name is required');
  await loupe.responsePart('Error details').click();
  await expect(loupe.errorDetailsViewer).toContainText('google.rpc.BadRequest');
});

test("a missed deadline is explained in plain words; the library's text waits behind a toggle", async ({
  app,
}, testInfo) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Echo');
  // The server answers after 3 s; the deadline gives up at 0.3 s whatever the machine's speed.
  await loupe.setRequestBody('{"message": "x", "delayMs": 3000}');
  await loupe.deadline.fill('0.3');
  await loupe.sendButton.click();

  await expect(loupe.statusBadge).toHaveText('4 DEADLINE_EXCEEDED');
  await expect(loupe.callExplanation).toContainText('The deadline of 300 ms was exceeded');
  // grpc-js's own wording (timings, resolver notes) is not next to the explanation...
  await expect(loupe.statusMessage).toBeHidden();
  await expect(loupe.rawStatus).toBeHidden();
  // ...but one click away.
  await loupe.rawStatusToggle.click();
  await expect(loupe.rawStatus).toBeVisible();
  await expect(loupe.rawStatus).toContainText('Deadline exceeded');
  await screenshotBothThemes(app, testInfo, 'deadline-explained');
});

test('an invalid request body is refused with the field named, before anything is sent', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Echo');
  await loupe.setRequestBody('{"mesage": "typo"}');
  await loupe.sendButton.click();
  await expect(loupe.callExplanation).toContainText('mesage');
});

test('an unreachable server is explained in the service list', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.serverAddress.fill('127.0.0.1:1');
  await loupe.reflectButton.click();
  await expect(loupe.servicesError).toContainText(/refused|unavailable|reach/i);
});
