import type { MetadataEntry } from '../../../shared/model/call';
import { AppError } from '../../../shared/model/errors';
import type { TargetSettings } from '../../../shared/model/target';
import { substituteAuth } from '../../../shared/workspace/auth-variables';
import { resolveVariables, substitute } from '../../../shared/workspace/variables';
import { absolutizeTarget, environmentScope, WorkspaceStore, type SecretSources } from '../workspace';

export interface CallEnvironment {
  /** The workspace folder: its environments, and the base of relative file paths. */
  root: string;
  /** The active environment; null for none (variables are then an error, naming the variable). */
  name: string | null;
}

export interface CallInputs {
  target: TargetSettings;
  metadata: MetadataEntry[];
  messages: string[];
}

/** `{{name}}` replaced in one message text; used again for each message sent later on the call. */
export type Substitute = (text: string, field: string) => string;

/**
 * Applies a workspace environment to a call: {{variables}} (secrets included, resolved here so
 * they never reach the UI) in the address, authority, metadata and messages; the target's
 * relative file paths against the workspace folder.
 */
export async function applyEnvironment(
  inputs: CallInputs,
  environment: CallEnvironment,
  sources: SecretSources,
): Promise<CallInputs & { substitute: Substitute }> {
  const store = await WorkspaceStore.open(environment.root);
  const scope = await environmentScope(store, environment.name, sources);
  const vars = resolveVariables(scope);
  const sub: Substitute = (text, field) => substitute(text, vars, field, scope);
  const target = absolutizeTarget({ ...inputs.target, address: sub(inputs.target.address, 'the address') }, store.root);
  if (target.authority !== undefined) target.authority = sub(target.authority, 'the authority');
  target.auth = substituteAuth(target.auth, sub);
  // The target's proxy wins over the environment's; either may hold a {{secret}} password.
  const proxy = target.proxy ?? scope.proxy;
  if (proxy !== undefined) target.proxy = sub(proxy, 'the proxy');
  return {
    target,
    metadata: inputs.metadata.map((m) => ({
      name: sub(m.name, 'a metadata name').toLowerCase(),
      value: sub(m.value, `metadata '${m.name}'`),
    })),
    messages: inputs.messages.map((text, i) =>
      sub(text, inputs.messages.length > 1 ? `message ${i + 1}` : 'the request body'),
    ),
    substitute: sub,
  };
}

/**
 * A target with the environment applied, as schema and connectivity requests see it. A schema
 * read from files does not need the address, so a variable the environment lacks only matters
 * (and is reported, by name) when the schema comes from the server.
 */
export async function targetInEnvironment(
  target: TargetSettings,
  environment: CallEnvironment | undefined,
  sources: SecretSources,
): Promise<TargetSettings> {
  if (!environment) return target;
  try {
    return (await applyEnvironment({ target, metadata: [], messages: [] }, environment, sources)).target;
  } catch (error) {
    if (target.schema.reflection || !(error instanceof AppError) || error.code !== 'VALIDATION') throw error;
    return absolutizeTarget(target, environment.root);
  }
}
