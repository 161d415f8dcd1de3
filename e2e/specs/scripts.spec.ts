import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoupePage } from '../pages/loupe-page';
import { ScriptsUi } from '../pages/scripts-ui';
import { WorkspaceUi } from '../pages/workspace-ui';
import { expect, test } from '../support/fixtures';

const shots = (name: string) => join(__dirname, '..', '..', 'test-results', 'screenshots', `${name}.png`);

/** A workspace folder with a saved Echo request against the demo, and a workspace-wide script. */
function workspaceWithScripts(demoAddress: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'loupe-scripts-'));
  mkdirSync(join(folder, 'requests'), { recursive: true });
  writeFileSync(
    join(folder, 'requests', 'Echo.json'),
    JSON.stringify({
      version: 1,
      target: { address: demoAddress },
      method: 'loupe.demo.v1.Demo/Echo',
      body: { message: 'hello' },
    }),
  );
  writeFileSync(join(folder, 'loupe.workspace.js'), "beforeCall(() => log('workspace script ran'));\n");
  return folder;
}

const SAYS_HI = "afterCall((res) => test('says hi', () => expect(res.message.message).to.equal('hi')));";

test('a test written in the Script tab fails, then passes, and is saved beside its request', async ({
  app,
  browserMode,
}) => {
  const folder = workspaceWithScripts(browserMode.demoAddress);
  const loupe = new LoupePage(app);
  const ws = new WorkspaceUi(app);
  const scripts = new ScriptsUi(app);
  await ws.openWorkspace(folder);
  // A tab that is not a saved request says where scripts live.
  await ws.sidebarTab('Services').click();
  await loupe.openMethod('Ticker');
  await scripts.scriptPart.click();
  await expect(scripts.scriptUnsaved).toContainText('Scripts belong to saved requests');
  await scripts.bodyPart.click();
  await ws.sidebarTab('Collections').click();
  await ws.savedRequest('Echo').click();

  // Nothing runs before the folder is trusted, and the call says so.
  await expect(scripts.trustBanner).toContainText('This workspace has 1 script file');
  await app.screenshot({ path: shots('scripts-trust-banner') });
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText(/OK/);
  await scripts.testsPart.click();
  await expect(scripts.testsPanel).toContainText('ran without its scripts (loupe.workspace.js)');
  await scripts.trustButton.click();
  await expect(scripts.trustBanner).toBeHidden();

  await scripts.scriptPart.click();
  await expect(scripts.outerScripts).toContainText('loupe.workspace.js');
  await scripts.setScript(SAYS_HI);
  await expect(loupe.savedTab('Echo', 'unsaved')).toBeVisible();
  await loupe.sendButton.click();
  await expect(scripts.testRow('says hi')).toBeVisible();
  await expect(scripts.testFailures).toContainText("expected 'hello' to equal 'hi'");
  await expect(scripts.testsBadge).toHaveText('1');
  await expect(scripts.testsBadge).toHaveClass(/failed/);
  await expect(scripts.scriptLog).toContainText('workspace script ran');
  await app.screenshot({ path: shots('scripts-tests-failed') });
  // The timeline has the scripts, the log line and the failed test as rows of the call.
  await loupe.timeline.tab.click();
  await expect(loupe.timeline.eventRow('Scripts')).toContainText('ran loupe.workspace.js');
  await expect(loupe.timeline.eventRow('Log')).toContainText('beforeCall: workspace script ran');
  await expect(loupe.timeline.eventRow('Test failed')).toContainText("expected 'hello' to equal 'hi'");
  await app.screenshot({ path: shots('scripts-timeline') });
  await scripts.testsPart.click();

  await scripts.bodyPart.click();
  await loupe.setRequestBody('{"message": "hi"}');
  await loupe.sendButton.click();
  await expect(scripts.testCounts).toHaveText('1 passed');
  await expect(scripts.testFailures).toHaveCount(0);
  await expect(scripts.testsBadge).toHaveClass(/passed/);
  await scripts.scriptPart.click();
  await app.screenshot({ path: shots('scripts-tests-passed') });

  // Saving the request saves its script beside it.
  await app.keyboard.press('ControlOrMeta+S');
  await expect(loupe.savedTab('Echo')).toBeVisible();
  const file = join(folder, 'requests', 'Echo.js');
  // The engine ends the file with a newline, as editors do.
  await expect.poll(() => (existsSync(file) ? readFileSync(file, 'utf8') : '')).toBe(`${SAYS_HI}\n`);

  // History counts the tests of each call.
  await ws.sidebarTab('History').click();
  await expect(ws.historyEntries.first()).toContainText('1 passed');
  await expect(ws.historyEntries.nth(1)).toContainText('0 passed, 1 failed');
});

test('a snapshot test with nothing approved shows what it received; Approve makes the next call pass', async ({
  app,
  browserMode,
}) => {
  const folder = workspaceWithScripts(browserMode.demoAddress);
  writeFileSync(
    join(folder, 'requests', 'Echo.js'),
    "afterCall((res) => snapshot('reply', res.message, { ignore: ['receivedAt'] }));\n",
  );
  const loupe = new LoupePage(app);
  const ws = new WorkspaceUi(app);
  const scripts = new ScriptsUi(app);
  await ws.openWorkspace(folder);
  await ws.savedRequest('Echo').click();
  await scripts.trustButton.click();
  await expect(scripts.trustBanner).toBeHidden();

  await loupe.sendButton.click();
  await scripts.testsPart.click();
  await expect(scripts.snapshotResult).toContainText('nothing approved yet');
  await app.screenshot({ path: shots('scripts-snapshot-new') });
  await scripts.approveButton.click();
  await expect(scripts.snapshotResult).toContainText('Approved');
  expect(existsSync(join(folder, 'snapshots', 'Echo.json'))).toBe(true);

  await loupe.sendButton.click();
  await expect(scripts.testCounts).toHaveText('1 passed');
  await expect(scripts.snapshotResult).toHaveCount(0);
  // The script editor completes the script API from its declarations (the TypeScript worker
  // starts from the app's own origin, as the CSP wants).
  await scripts.scriptPart.click();
  await scripts.typeAtScriptEnd('\nenv.');
  await app.keyboard.press('Control+Space');
  await expect(scripts.scriptSuggestions).toContainText('set');
  await app.screenshot({ path: shots('scripts-completion') });
});

test('values a script sets are listed under the environment, and forgotten on request', async ({
  app,
  browserMode,
}) => {
  const folder = workspaceWithScripts(browserMode.demoAddress);
  writeFileSync(
    join(folder, 'requests', 'Echo.js'),
    "afterCall((res) => env.set('lastReply', res.message.message));\n",
  );
  mkdirSync(join(folder, 'environments'), { recursive: true });
  writeFileSync(
    join(folder, 'environments', 'dev.json'),
    JSON.stringify({ version: 1, variables: [{ name: 'user', value: 'ada' }] }),
  );
  const loupe = new LoupePage(app);
  const ws = new WorkspaceUi(app);
  const scripts = new ScriptsUi(app);
  await ws.openWorkspace(folder);
  await ws.environment.selectOption('dev');
  await ws.savedRequest('Echo').click();
  await scripts.trustButton.click();
  await expect(scripts.trustBanner).toBeHidden();
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText(/OK/);

  await ws.editEnvironments.click();
  await ws.environmentInEditor('dev').click();
  await expect(scripts.scriptValues).toContainText('lastReply');
  await expect(scripts.scriptValues).toContainText('hello');
  await app.screenshot({ path: shots('scripts-values') });
  await scripts.forgetValues.click();
  await expect(scripts.scriptValues).toBeHidden();
});
