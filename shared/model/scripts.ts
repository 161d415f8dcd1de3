/**
 * Scripts around calls: hooks, tests, logs and snapshots, as the engine reports them. The files
 * live in the workspace beside the requests (see scriptFiles); the API scripts see is described
 * for people in shared/scripts/loupe-scripts.d.ts.
 */

/** The moments a script can act on a call, in the order they happen. */
export const HOOK_NAMES = ['beforeCall', 'beforeSend', 'onMessage', 'afterCall'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** The workspace-wide script, beside loupe.workspace.json. */
export const WORKSPACE_SCRIPT_FILE = 'loupe.workspace.js';
/** A folder's script: requests/<folder>/_folder.js (a request may not be named this). */
export const FOLDER_SCRIPT_NAME = '_folder';
/** Approved responses of snapshot tests: snapshots/<request path>.json. */
export const SNAPSHOTS_DIR = 'snapshots';

/** The script files that apply to a saved request, outermost first: workspace, folders, the request. */
export function scriptFiles(requestPath: string): string[] {
  const parts = requestPath.split('/');
  const folders = parts
    .slice(0, -1)
    .map((_, i) => `requests/${parts.slice(0, i + 1).join('/')}/${FOLDER_SCRIPT_NAME}.js`);
  return [WORKSPACE_SCRIPT_FILE, ...folders, requestScriptFile(requestPath)];
}

/** The request's own script file, relative to the workspace folder. */
export function requestScriptFile(requestPath: string): string {
  return `requests/${requestPath}.js`;
}

/** The approved snapshots of a request, relative to the workspace folder. */
export function snapshotFile(requestPath: string): string {
  return `${SNAPSHOTS_DIR}/${requestPath}.json`;
}

/** How a snapshot test came out. */
export interface SnapshotOutcome {
  /** matched: equal to the approved value; new: none approved yet; mismatch: differs. */
  state: 'matched' | 'new' | 'mismatch';
  /** The value received, as JSON text (what Approve writes). */
  received: string;
  /** The approved value, as JSON text, when there is one. */
  approved?: string;
  /** Fields left out of the comparison. */
  ignore: string[];
}

export interface TestResult {
  name: string;
  passed: boolean;
  /** Why it failed: the assertion's message. */
  message?: string;
  /** The script file that declared it, relative to the workspace folder. */
  file: string;
  hook: HookName;
  /** The message a per-message test ran on (onMessage and beforeSend). */
  index?: number;
  snapshot?: SnapshotOutcome & { name: string };
}

/** Every result of one test name in one hook, counted: a per-message test runs once a message. */
export interface TestTally {
  name: string;
  file: string;
  hook: HookName;
  passed: number;
  failed: number;
  /** The first failure's message and message index. */
  firstFailure?: { message: string; index?: number };
}

export interface TestSummary {
  passed: number;
  failed: number;
  tallies: TestTally[];
}

/** A failed test message, shortened for one line. */
export function testLine(r: Pick<TestResult, 'name' | 'passed' | 'message' | 'index'>): string {
  const where = r.index === undefined ? '' : ` (message #${r.index + 1})`;
  return `${r.passed ? 'pass' : 'FAIL'}  ${r.name}${where}${r.passed || !r.message ? '' : `: ${r.message}`}`;
}

/** Adds one result to a summary (kept ordered by first appearance). */
export function tally(summary: TestSummary, r: TestResult): void {
  if (r.passed) summary.passed++;
  else summary.failed++;
  let t = summary.tallies.find((x) => x.name === r.name && x.file === r.file && x.hook === r.hook);
  if (!t) {
    t = { name: r.name, file: r.file, hook: r.hook, passed: 0, failed: 0 };
    summary.tallies.push(t);
  }
  if (r.passed) t.passed++;
  else {
    t.failed++;
    t.firstFailure ??= { message: r.message ?? 'failed', ...(r.index !== undefined ? { index: r.index } : {}) };
  }
}

export function emptySummary(): TestSummary {
  return { passed: 0, failed: 0, tallies: [] };
}
