import type { CallStatus } from '../../../shared/model/call';
import { AppError, toErrorData } from '../../../shared/model/errors';
import {
  isAtOrInside,
  REQUESTS_DIR,
  requestFile,
  WORKSPACE_FILE,
  type ResolvedRequest,
  type WorkspaceProblem,
} from '../../../shared/model/workspace';
import type { DescMethod, Registry } from '@bufbuild/protobuf';
import type { AuthApplied } from '../../../shared/model/auth';
import { Authenticator, isUnauthenticatedStatus, refreshTokensIn, withAuth } from '../../core/auth';
import { CallRunner, ChannelPool, toGrpcMetadata } from '../../core/calls';
import { cliAuthHost } from '../auth-host';
import { loadTargetSchema } from '../../core/handlers/load-target-schema';
import { createHistoryRecorder, HistoryStore } from '../../core/history';
import { userDataDir } from '../../core/paths';
import {
  defaultSecretStore,
  resolveRequestAt,
  SecretMask,
  WorkspaceStore,
  type SecretSources,
} from '../../core/workspace';
import { parseSeconds } from '../../../shared/workspace/connection-flags';
import { usage } from '../options';
import type { CliIo } from '../session';

export interface RunFlags {
  env?: string;
  reporter?: string;
  maxTime?: string;
  history?: boolean;
}

export interface RunResult {
  path: string;
  method?: string;
  ok: boolean;
  status?: { code: number; name: string; message: string };
  /** A local failure: a missing variable, an unreachable server, a schema error... */
  error?: { code: string; message: string };
  durationMs: number;
  responses: number;
}

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

interface RunParts {
  pool: ChannelPool;
  engine: CallRunner;
  history?: HistoryStore;
  path: string;
  environment: string | null;
  mask: SecretMask;
  auth: Authenticator;
}

async function runOne(
  { resolved: request, template }: { resolved: ResolvedRequest; template: ResolvedRequest },
  root: string,
  parts: RunParts,
  fallbackDeadlineMs: number | undefined,
): Promise<{ status: CallStatus; responses: number; error?: string }> {
  const deadlineMs = request.deadlineMs ?? fallbackDeadlineMs;
  const startedAt = performance.now();
  const schema = await loadTargetSchema(request.target, parts.pool, {
    metadata: toGrpcMetadata(request.metadata),
    deadlineMs,
    baseDir: root,
    auth: parts.auth,
  });
  const method = schema.method(request.method);
  await parts.pool.prepare(request.target);
  // A token the server refuses is renewed and the request sent once more (its messages are known).
  return withAuth(
    parts.auth,
    request.target,
    request.metadata,
    (metadata, auth) =>
      callOnce({ ...request, metadata, deadlineMs }, template, auth, { method, registry: schema.registry }, parts, {
        root,
        startedAt,
      }),
    { result: (r) => isUnauthenticatedStatus(r.status) },
  );
}

/** One call of a saved request (its metadata with the auth's), recorded in the history. */
async function callOnce(
  request: ResolvedRequest,
  template: ResolvedRequest,
  auth: AuthApplied | undefined,
  { method, registry }: { method: DescMethod; registry: Registry },
  parts: RunParts,
  { root, startedAt }: { root: string; startedAt: number },
): Promise<{ status: CallStatus; responses: number; error?: string }> {
  const deadlineMs = request.deadlineMs;
  // The history keeps the request as written (the template), as the app records its calls.
  const recorder = parts.history
    ? createHistoryRecorder(
        parts.history,
        {
          ...template,
          resolvedAddress: request.target.address,
          workspace: root,
          requestPath: parts.path,
          ...(parts.environment !== null ? { environment: parts.environment } : {}),
        },
        { mask: parts.mask },
      )
    : undefined;
  let responses = 0;
  let error: string | undefined;
  const remaining =
    deadlineMs === undefined ? undefined : Math.max(1, Math.round(deadlineMs - (performance.now() - startedAt)));
  const handle = parts.engine.start(
    {
      target: request.target,
      method,
      registry,
      metadata: request.metadata,
      ...(auth ? { auth } : {}),
      deadlineMs: remaining,
      messages: request.messages,
    },
    (e) => {
      recorder?.onEvent(e);
      if (e.type === 'received') responses++;
      if (e.type === 'error') error = e.hint ? `${e.message} ${e.hint}` : e.message;
    },
  );
  // Saved client and bidi streams send their listed messages, then end their side.
  if (method.methodKind === 'client_streaming' || method.methodKind === 'bidi_streaming') handle.halfClose();
  const status = await handle.done;
  await recorder?.recorded;
  return { status, responses, error };
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
  if (reporter !== 'lines' && reporter !== 'json')
    throw usage(`--reporter must be 'lines' or 'json', got '${reporter}'`);
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
  const sources: SecretSources = { store: secretStore, env, mask };
  const history = flags.history === false ? undefined : HistoryStore.inDataDir(dataDir);
  if (environment !== null)
    await store.readEnvironment(environment).catch(() => {
      throw usage(
        `the workspace has no environment '${environment}' (environments: ${content.environments.map((e) => e.name).join(', ') || 'none'})`,
      );
    });

  if (!paths.length && !broken.length) throw new AppError('NOT_FOUND', 'there are no saved requests to run');
  const pool = new ChannelPool();
  const engine = new CallRunner(pool);
  // One per run: requests of the same target and environment share a token.
  const auth = new Authenticator({
    mask,
    host: cliAuthHost(io.stderr, env),
    refreshTokens: refreshTokensIn(secretStore),
  });
  const results: RunResult[] = broken.map((p) => ({
    path: p.file,
    ok: false,
    error: { code: 'VALIDATION', message: p.message },
    durationMs: 0,
    responses: 0,
  }));
  if (reporter === 'lines') for (const r of results) io.stdout.write(formatLine(r));
  try {
    for (const path of paths) {
      const started = performance.now();
      const result: RunResult = { path, ok: false, durationMs: 0, responses: 0 };
      try {
        const request = await resolveRequestAt(store, path, environment, sources);
        result.method = request.template.method;
        const { status, responses, error } = await runOne(
          request,
          store.root,
          { pool, engine, history, path, environment, mask, auth },
          fallbackDeadlineMs,
        );
        result.status = { code: status.code, name: status.name, message: status.message };
        result.responses = responses;
        result.ok = status.code === 0;
        if (error) result.error = { code: 'UNAVAILABLE', message: error };
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
  }

  const failed = results.filter((r) => !r.ok).length;
  if (reporter === 'json') {
    const report = { workspace: store.root, environment, passed: results.length - failed, failed, results };
    io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    io.stdout.write(`\n${results.length - failed} passed, ${failed} failed\n`);
  }
  return failed ? 1 : 0;
}

function maskedIo(io: CliIo, mask: SecretMask): CliIo {
  return {
    ...io,
    stdout: {
      write: (text: string) => io.stdout.write(mask.text(text)),
      ...(io.stdout.once ? { once: io.stdout.once.bind(io.stdout) } : {}),
    },
    stderr: { write: (text: string) => io.stderr.write(mask.text(text)) },
  };
}

function formatLine(r: RunResult): string {
  const outcome = r.status
    ? `${r.status.name}${r.status.code ? ` (${r.status.code}) ${r.status.message}` : ''}`
    : `${r.error?.code}: ${r.error?.message}`;
  const hint = r.status && r.error ? ` - ${r.error.message}` : '';
  return `${r.ok ? 'ok  ' : 'FAIL'}  ${r.path}  ${outcome}${hint}  ${r.durationMs} ms\n`;
}
