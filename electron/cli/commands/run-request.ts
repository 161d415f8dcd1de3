import type { CallStatus, EngineCallEvent } from '../../../shared/model/call';
import type { TestResult, TestSummary } from '../../../shared/model/scripts';
import type { ResolvedRequest } from '../../../shared/model/workspace';
import { resolveVariables } from '../../../shared/workspace/variables';
import { type CallRunner, type ChannelPool } from '../../core/calls';
import { loadTargetSchema } from '../../core/handlers/load-target-schema';
import { isUnauthenticatedStatus, withAuth, type AppliedAuth, type Authenticator } from '../../core/auth';
import { createHistoryRecorder, type HistoryStore } from '../../core/history';
import { toGrpcMetadata } from '../../core/calls';
import { startCallScripts } from '../../core/scripts/call-scripts';
import { scriptsForCall } from '../../core/scripts/script-files';
import type { ScriptLimits } from '../../core/scripts/protocol';
import { helperCaller } from '../../core/scripts/helper-call';
import { startScriptedCall } from '../../core/scripts/scripted-call';
import {
  environmentScope,
  resolveTemplateNow,
  type SecretMask,
  type SecretSources,
  type WorkspaceStore,
} from '../../core/workspace';
import { substitute } from '../../../shared/workspace/variables';

export interface RunParts {
  pool: ChannelPool;
  engine: CallRunner;
  store: WorkspaceStore;
  history?: HistoryStore;
  environment: string | null;
  sources: SecretSources;
  mask: SecretMask;
  /** Scripts run (the workspace is trusted, or --trust); false for --no-scripts. */
  scripts: boolean;
  /** The targets' auth: one per run, so requests of a target and environment share a token. */
  auth?: Authenticator;
  /** The workspace's bounds on its scripts. */
  limits?: Partial<ScriptLimits>;
  /** Values scripts set during this run, shared by the requests that follow. */
  setVariable(name: string, value: string, secret: boolean): void;
}

export interface RequestOutcome {
  status: CallStatus;
  responses: number;
  error?: string;
  tests?: { summary: TestSummary; results: TestResult[] };
  /** What the scripts logged, in order (bounded by the sandbox). */
  logs?: string[];
}

/** One saved request: schema, scripts around it when it has any, the call, its history entry. */
export async function runRequest(
  template: ResolvedRequest,
  path: string,
  parts: RunParts,
  fallbackDeadlineMs: number | undefined,
): Promise<RequestOutcome> {
  const root = parts.store.root;
  const sources = parts.scripts ? await scriptsForCall(root, path) : [];
  // With scripts, beforeCall may set what the metadata and body use: only the target now.
  const request = await resolveTemplateNow(
    parts.store,
    sources.length ? { ...template, metadata: [], messages: [] } : template,
    parts.environment,
    parts.sources,
    path,
  );
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
  // The history keeps the request as written (the template), as the app records its calls.
  const recorderFor = () =>
    parts.history
      ? createHistoryRecorder(
          parts.history,
          {
            ...template,
            resolvedAddress: request.target.address,
            workspace: root,
            requestPath: path,
            ...(parts.environment !== null ? { environment: parts.environment } : {}),
          },
          { mask: parts.mask },
        )
      : undefined;
  let recorder = recorderFor();
  let responses = 0;
  let error: string | undefined;
  const logs: string[] = [];
  const onEvent = (e: EngineCallEvent) => {
    recorder?.onEvent(e);
    if (e.type === 'received') responses++;
    if (e.type === 'log') logs.push(e.text);
    if (e.type === 'error') error = e.hint ? `${e.message} ${e.hint}` : e.message;
  };
  const remaining = () =>
    deadlineMs === undefined ? undefined : Math.max(1, Math.round(deadlineMs - (performance.now() - startedAt)));
  const streamsIn = method.methodKind === 'client_streaming' || method.methodKind === 'bidi_streaming';

  const scope = () => environmentScope(parts.store, parts.environment, parts.sources);
  if (!sources.length) {
    // A token the server refuses is renewed and the request sent once more (its messages are known).
    return withAuth(
      parts.auth,
      request.target,
      request.metadata,
      async (metadata, auth) => {
        if (responses || error) [recorder, responses, error] = [recorderFor(), 0, undefined];
        const handle = parts.engine.start(
          {
            target: request.target,
            method,
            registry: schema.registry,
            metadata,
            ...(auth ? { auth } : {}),
            deadlineMs: remaining(),
            messages: request.messages,
          },
          onEvent,
        );
        // Saved client and bidi streams send their listed messages, then end their side.
        if (streamsIn) handle.halfClose();
        const status = await handle.done;
        await recorder?.recorded;
        return { status, responses, error };
      },
      { result: (r) => isUnauthenticatedStatus(r.status) },
    );
  }

  let target = request.target;
  // Auth for the scripted call, from the metadata the hooks left (a token they set wins).
  let auth: AppliedAuth | undefined;
  const session = await startCallScripts({
    sources,
    root,
    requestPath: path,
    schema,
    outputType: method.output.typeName,
    variables: resolveVariables(await scope()),
    ...(parts.limits ? { limits: parts.limits } : {}),
  });
  const scripted = await startScriptedCall({
    session,
    files: sources.map((s) => s.file),
    method: request.method,
    kind: method.methodKind,
    target: { address: request.target.address, protocol: request.target.protocol },
    template: { metadata: template.metadata, messages: template.messages, deadlineMs: template.deadlineMs },
    resolve: async (edited) => {
      const again = await resolveTemplateNow(
        parts.store,
        { ...template, ...edited },
        parts.environment,
        parts.sources,
        path,
      );
      target = again.target;
      auth = parts.auth ? await parts.auth.metadata(target, again.metadata) : undefined;
      return { metadata: again.metadata, messages: again.messages };
    },
    start: (req, listener) =>
      parts.engine.start(
        {
          target,
          method,
          registry: schema.registry,
          metadata: [...req.metadata, ...(auth?.metadata ?? [])],
          ...(auth?.applied ? { auth: auth.applied } : {}),
          // A deadline a hook set counts from now; the request's own, from the start.
          deadlineMs: req.deadlineMs !== template.deadlineMs ? req.deadlineMs : remaining(),
          messages: req.messages,
        },
        listener,
      ),
    onEvent,
    helperCall: async (call) => {
      const vars = resolveVariables(await scope());
      return helperCaller({
        runner: parts.engine,
        target,
        schema,
        substitute: (text, field) => substitute(text, vars, field),
        auth: parts.auth,
      })(call);
    },
    setVariable: (name, value, secret) => {
      parts.setVariable(name, value, secret);
      return Promise.resolve();
    },
  });
  if (streamsIn) scripted.handle.halfClose();
  const finished = await scripted.finished;
  await recorder?.recorded;
  return {
    status: finished.status,
    responses,
    error: finished.scriptError ?? error,
    tests: { summary: finished.summary, results: finished.results },
    ...(logs.length ? { logs } : {}),
  };
}
