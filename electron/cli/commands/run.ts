import { AppError, toErrorData } from '../../../shared/model/errors';
import {
  isAtOrInside,
  REQUESTS_DIR,
  requestFile,
  WORKSPACE_FILE,
  type WorkspaceProblem,
} from '../../../shared/model/workspace';
import { Authenticator, refreshTokensIn } from '../../core/auth';
import { proxiedFetch } from '../../core/net';
import { CallRunner, ChannelPool } from '../../core/calls';
import { cliAuthHost } from '../auth-host';
import { HistoryStore } from '../../core/history';
import { userDataDir } from '../../core/paths';
import { untrustedRunError } from '../../core/scripts/call-scripts';
import { approveSnapshot, listScriptFiles } from '../../core/scripts/script-files';
import type { TestResult, TestSummary } from '../../../shared/model/scripts';
import {
  defaultSecretStore,
  templateAt,
  SecretMask,
  WorkspaceLocalState,
  WorkspaceStore,
  type SecretSources,
} from '../../core/workspace';
import { formatLine, jsonReport, junitReport, summaryLine, type RunReport, type RunResult } from '../run-reporters';
import { runRequest } from './run-request';
import { parseSeconds } from '../../../shared/workspace/connection-flags';
import { usage } from '../options';
import { maskedIo, type CliIo } from '../session';

export interface RunFlags {
  env?: string;
  reporter?: string;
  maxTime?: string;
  history?: boolean;
  /** Run the workspace's scripts without it being trusted on this machine (CI). */
  trust?: boolean;
  /** false for --no-scripts: run the requests without their scripts. */
  scripts?: boolean;
  /** Stop at the first request that fails. */
  bail?: boolean;
  /** Approve what snapshot tests received where none was approved or it differs. */
  updateSnapshots?: boolean;
}

export type { RunResult } from '../run-reporters';

/** The item a command-line argument names: `requests/users/get.json` and `users/get` are the same. */
const itemOf = (raw: string) =>
  raw
    .replace(/\.json$/, '')
    .replace(/^requests\//, '')
    .replace(/\/+$/, '');

/** Picks the saved requests named on the command line (a request's path, or a folder for all inside). */
function selectRequests(all: string[], folders: string[], wanted: string[]): string[] {
  if (!wanted.length) return all;
  const chosen = new Set<string>();
  for (const raw of wanted) {
    const item = itemOf(raw);
    const inside = all.filter((p) => isAtOrInside(p, item));
    if (!inside.length && !folders.includes(item)) throw usage(`the workspace has no request or folder '${raw}'`);
    for (const p of inside) chosen.add(p);
  }
  return all.filter((p) => chosen.has(p));
}

/**
 * The files a run cannot do without and could not read: the workspace file, and request files
 * within the selection (all of them when nothing is selected). A CI run must fail on a
 * merge-conflicted or unreadable request, not skip it with a warning.
 */
function unreadableInSelection(problems: WorkspaceProblem[], items: string[]): WorkspaceProblem[] {
  const wanted = items.map(itemOf);
  return problems.filter(
    (p) =>
      p.file === WORKSPACE_FILE ||
      (p.file.startsWith(`${REQUESTS_DIR}/`) &&
        (!wanted.length ||
          wanted.some((w) => p.file === requestFile(w) || p.file.startsWith(`${REQUESTS_DIR}/${w}/`)))),
  );
}

/**
 * `loupe run <workspace> [request-or-folder ...]`: runs saved requests in path order with the
 * environment applied; one line each (or a JSON report); exit 1 if any failed.
 */
export async function runWorkspace(
  root: string,
  items: string[],
  flags: RunFlags,
  unmaskedIo: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  // A CI log is the place a secret must least appear: whatever this command prints passes the
  // mask (a server may quote a token back in an error).
  const mask = new SecretMask();
  const io = maskedIo(unmaskedIo, mask);
  const reporter = flags.reporter ?? 'lines';
  if (reporter !== 'lines' && reporter !== 'json' && reporter !== 'junit')
    throw usage(`--reporter must be 'lines', 'json' or 'junit', got '${reporter}'`);
  const fallbackDeadlineMs = parseSeconds('--max-time', flags.maxTime);
  const store = await WorkspaceStore.open(root);
  const content = await store.load();
  const broken = unreadableInSelection(content.problems, items);
  // Those in the selection are failures, reported with the results; the rest are only warnings.
  for (const problem of content.problems)
    if (!broken.includes(problem)) io.stderr.write(`loupe: warning: ${problem.message}\n`);
  const paths = selectRequests(
    content.requests.map((r) => r.path),
    content.folders,
    items,
  );
  const environment = flags.env ?? content.workspace.defaultEnvironment ?? null;
  const dataDir = userDataDir(env);
  const secretStore = defaultSecretStore(dataDir);
  // Values scripts set chain from one request to the next within this run only: a CI run starts
  // from the workspace's environment files and LOUPE_SECRET_* alone.
  const runValues: Record<string, string> = {};
  const sources: SecretSources = {
    store: secretStore,
    env,
    mask,
    scriptValues: () => Promise.resolve(runValues),
  };
  const history = flags.history === false ? undefined : HistoryStore.inDataDir(dataDir);
  if (environment !== null)
    await store.readEnvironment(environment).catch(() => {
      throw usage(
        `the workspace has no environment '${environment}' (environments: ${content.environments.map((e) => e.name).join(', ') || 'none'})`,
      );
    });

  if (!paths.length && !broken.length) throw new AppError('NOT_FOUND', 'there are no saved requests to run');
  // A cloned workspace's scripts run only when this machine trusts its folder, or --trust says so.
  const scriptFiles = flags.scripts === false ? [] : await listScriptFiles(store.root);
  if (scriptFiles.length && !flags.trust && !(await WorkspaceLocalState.inDataDir(dataDir).isTrusted(store.root)))
    throw untrustedRunError(scriptFiles);
  const pool = new ChannelPool();
  const engine = new CallRunner(pool);
  // One per run: requests of the same target and environment share a token.
  const auth = new Authenticator({
    mask,
    host: cliAuthHost(io.stderr, env),
    refreshTokens: refreshTokensIn(secretStore),
    // Token endpoints through the proxy the target's calls use.
    fetchFor: (target) => proxiedFetch({ target: target.proxy, env }),
  });
  const results: RunResult[] = broken.map((p) => ({
    path: p.file,
    ok: false,
    error: { code: 'VALIDATION', message: p.message },
    durationMs: 0,
    responses: 0,
  }));
  if (reporter === 'lines') for (const r of results) io.stdout.write(formatLine(r));
  const skipped: string[] = [];
  try {
    for (const path of paths) {
      if (flags.bail && results.some((r) => !r.ok)) {
        skipped.push(path);
        continue;
      }
      const started = performance.now();
      const result: RunResult = { path, ok: false, durationMs: 0, responses: 0 };
      try {
        const template = await templateAt(store, path);
        result.method = template.method;
        const outcome = await runRequest(
          template,
          path,
          {
            pool,
            engine,
            store,
            history,
            environment,
            sources,
            mask,
            auth,
            scripts: scriptFiles.length > 0,
            limits: content.workspace.scriptLimits,
            setVariable: (name, value, secret) => {
              runValues[name] = value;
              if (secret) mask.add(name, value);
            },
          },
          fallbackDeadlineMs,
        );
        if (flags.updateSnapshots && outcome.tests) await approveReceived(store.root, path, outcome.tests);
        const { status, error, tests } = outcome;
        result.status = { code: status.code, name: status.name, message: status.message };
        result.responses = outcome.responses;
        if (tests) result.tests = tests.summary;
        if (outcome.logs) result.logs = outcome.logs;
        result.ok = status.code === 0 && !error && !tests?.summary.failed;
        if (error) result.error = { code: tests ? 'SCRIPT' : 'UNAVAILABLE', message: error };
      } catch (err) {
        const data = toErrorData(err);
        result.error = { code: data.code, message: data.message };
      }
      result.durationMs = Math.round(performance.now() - started);
      results.push(result);
      if (reporter === 'lines') io.stdout.write(formatLine(result));
    }
  } finally {
    engine.dispose();
    pool.dispose();
    await history?.close();
  }

  const report: RunReport = { workspace: store.root, environment, results, skipped };
  if (reporter === 'json') io.stdout.write(jsonReport(report));
  else if (reporter === 'junit') io.stdout.write(junitReport(report));
  else io.stdout.write(summaryLine(report));
  return results.some((r) => !r.ok) ? 1 : 0;
}

/**
 * --update-snapshots: each snapshot test that found none approved, or a difference, approves what
 * it received and counts as passed (the change shows in git, to review like any other).
 */
async function approveReceived(root: string, path: string, tests: { summary: TestSummary; results: TestResult[] }) {
  for (const r of tests.results) {
    if (!r.snapshot || r.snapshot.state === 'matched') continue;
    await approveSnapshot(root, path, r.snapshot.name, r.snapshot.received);
    const t = tests.summary.tallies.find((x) => x.name === r.name && x.file === r.file && x.hook === r.hook);
    if (!t?.failed) continue;
    t.failed--;
    t.passed++;
    tests.summary.failed--;
    tests.summary.passed++;
    if (!t.failed) delete t.firstFailure;
    t.name = `${t.name} (approved)`;
  }
}
