import type { EngineCallEvent, MetadataEntry } from '../../../shared/model/call';
import type { TargetSettings } from '../../../shared/model/target';
import { resolveVariables } from '../../../shared/workspace/variables';
import type { Authenticator } from '../auth';
import type { CallHandle, CallRunner } from '../calls';
import type { SchemaRegistry } from '../schema/registry';
import { startCallScripts } from '../scripts/call-scripts';
import { helperCaller } from '../scripts/helper-call';
import type { ScriptSource } from '../scripts/protocol';
import { scriptsForCall } from '../scripts/script-files';
import { startScriptedCall } from '../scripts/scripted-call';
import { environmentScope, WorkspaceStore, type SecretSources, type WorkspaceLocalState } from '../workspace';
import { applyEnvironment, type CallEnvironment, type Substitute } from './call-environment';

export interface CallScriptDeps {
  localState: WorkspaceLocalState;
  secrets: SecretSources;
  calls: CallRunner;
  /** The targets' auth, for the scripts' helper calls as for the call itself. */
  auth?: Authenticator;
}

/** A call's scripts, found before its environment is applied: beforeCall may set what it uses. */
export interface FoundScripts {
  sources: ScriptSource[];
  trusted: boolean;
}

export async function findCallScripts(
  environment: CallEnvironment | undefined,
  requestPath: string | undefined,
  requestScript: string | undefined,
  deps: CallScriptDeps,
): Promise<FoundScripts | undefined> {
  if (!environment || !requestPath) return undefined;
  const sources = await scriptsForCall(environment.root, requestPath, requestScript);
  if (!sources.length) return undefined;
  return { sources, trusted: await deps.localState.isTrusted(environment.root) };
}

/**
 * A value a script set with env.set: into the secret store when the active environment declares
 * it secret (then masked everywhere), otherwise into this user's per-workspace state, never into
 * the workspace's files.
 */
async function setVariable(
  environment: CallEnvironment,
  name: string,
  value: string,
  secret: boolean,
  deps: CallScriptDeps,
): Promise<void> {
  const store = await WorkspaceStore.open(environment.root);
  const declared =
    environment.name === null
      ? undefined
      : (await store.readEnvironment(environment.name)).variables.find((v) => v.name === name);
  if (secret || declared?.secret) deps.secrets.mask.add(name, value);
  if (declared?.secret && environment.name !== null && deps.secrets.store)
    await deps.secrets.store.set(store.root, environment.name, name, value);
  else await deps.localState.setScriptValue(store.root, environment.name, name, value);
}

export interface ScriptedOpen {
  found: FoundScripts;
  environment: CallEnvironment;
  requestPath: string;
  /** The target with the environment applied (schema and connection already use it). */
  target: TargetSettings;
  /** The request as written: beforeCall edits it before variables are applied. */
  template: { target: TargetSettings; metadata: MetadataEntry[]; messages: string[]; deadlineMs?: number };
  schema: SchemaRegistry;
  method: {
    name: string;
    kind: 'unary' | 'server_streaming' | 'client_streaming' | 'bidi_streaming';
    outputType: string;
  };
  limits?: Parameters<typeof startCallScripts>[0]['limits'];
  start(
    request: { metadata: MetadataEntry[]; messages: string[]; deadlineMs?: number },
    onEvent: (e: EngineCallEvent) => void,
  ): CallHandle;
  onEvent(event: EngineCallEvent): void;
  /** Told the substitution the call's later messages go through. */
  onSubstitute(substitute: Substitute): void;
  /** Told the metadata the call is about to start with (after beforeCall, variables applied). */
  onResolved?(metadata: MetadataEntry[]): Promise<void>;
}

/** Starts a call with its (trusted) scripts around it. */
export async function openScriptedCall(open: ScriptedOpen, deps: CallScriptDeps): Promise<CallHandle> {
  const store = await WorkspaceStore.open(open.environment.root);
  const variables = resolveVariables(await environmentScope(store, open.environment.name, deps.secrets));
  const session = await startCallScripts({
    sources: open.found.sources,
    root: open.environment.root,
    requestPath: open.requestPath,
    schema: open.schema,
    outputType: open.method.outputType,
    variables,
    ...(open.limits ? { limits: open.limits } : {}),
  });
  let substitute: Substitute | undefined;
  const scripted = await startScriptedCall({
    session,
    files: open.found.sources.map((s) => s.file),
    method: open.method.name,
    kind: open.method.kind,
    target: { address: open.target.address, protocol: open.target.protocol },
    template: open.template,
    resolve: async (edited) => {
      const applied = await applyEnvironment(
        { target: open.template.target, metadata: edited.metadata, messages: edited.messages },
        open.environment,
        deps.secrets,
      );
      substitute = applied.substitute;
      open.onSubstitute(applied.substitute);
      await open.onResolved?.(applied.metadata);
      return applied;
    },
    start: (request, listener) => open.start(request, listener),
    onEvent: (event) => open.onEvent(event),
    helperCall: (call) =>
      helperCaller({
        runner: deps.calls,
        target: open.target,
        schema: open.schema,
        ...(substitute ? { substitute } : {}),
        ...(deps.auth ? { auth: deps.auth } : {}),
      })(call),
    setVariable: (name, value, secret) => setVariable(open.environment, name, value, secret, deps),
  });
  return scripted.handle;
}
