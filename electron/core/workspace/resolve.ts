import { AppError } from '../../../shared/model/errors';
import type { TargetSettings } from '../../../shared/model/target';
import type { EnvironmentFile, EnvironmentView, ResolvedRequest } from '../../../shared/model/workspace';
import { requestTemplate, resolveTemplate } from '../../../shared/workspace/resolve-request';
import type { VariableScope } from '../../../shared/workspace/variables';
import { resolveFromRoot } from './layout';
import type { SecretMask } from './secret-mask';
import { secretEnvName, type SecretStore } from './secrets';
import type { WorkspaceStore } from './workspace-store';

export interface SecretSources {
  store?: SecretStore;
  /** Usually process.env; LOUPE_SECRET_<NAME> supplies a secret. */
  env?: NodeJS.ProcessEnv;
  /** Learns every secret value read here, so nothing the engine shows or writes can carry it. */
  mask: SecretMask;
  /**
   * Values workspace scripts set with env.set (the chain between requests); they win over the
   * environment's own. The app keeps them in its data folder; `loupe run` for the run only.
   */
  scriptValues?: (root: string, environment: string | null) => Promise<Record<string, string>>;
}

/**
 * A secret's value from LOUPE_SECRET_<NAME>. Empty counts as unset: CI systems pass an empty
 * string for a secret they do not have, and sending an empty token would only fail later, and
 * less clearly.
 */
function fromProcessEnv(sources: Pick<SecretSources, 'env'>, name: string): string | undefined {
  return sources.env?.[secretEnvName(name)] || undefined;
}

/** Where each secret of an environment would come from (values are not returned). */
export async function secretStatus(
  root: string,
  name: string,
  environment: EnvironmentFile,
  sources: Omit<SecretSources, 'mask'>,
): Promise<EnvironmentView['secrets']> {
  const stored = new Set(sources.store ? await sources.store.names(root, name) : []);
  return environment.variables
    .filter((v) => v.secret)
    .map((v) => ({
      name: v.name,
      source: fromProcessEnv(sources, v.name) !== undefined ? 'process-env' : stored.has(v.name) ? 'store' : 'missing',
    }));
}

/** The variables of an environment with secrets filled in from the process environment or the store. */
export async function environmentScope(
  store: WorkspaceStore,
  name: string | null,
  sources: SecretSources,
): Promise<VariableScope> {
  const overlay = (await sources.scriptValues?.(store.root, name)) ?? {};
  if (name === null) return { values: { ...overlay } };
  const environment = await store.readEnvironment(name).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'NOT_FOUND')
      throw new AppError('NOT_FOUND', `The workspace has no environment named '${name}'`);
    throw err;
  });
  const values: Record<string, string> = {};
  const unsetSecrets: NonNullable<VariableScope['unsetSecrets']> = {};
  for (const v of environment.variables) {
    if (!v.secret) {
      values[v.name] = v.value ?? '';
      continue;
    }
    const value = fromProcessEnv(sources, v.name) ?? (await sources.store?.get(store.root, name, v.name)) ?? undefined;
    // A secret without a value stays undefined: using it fails, naming it and where a value comes from.
    if (value) {
      values[v.name] = value;
      sources.mask.add(v.name, value);
    } else {
      const envVar = secretEnvName(v.name);
      unsetSecrets[v.name] = { envVar, emptyInProcessEnv: sources.env?.[envVar] === '' };
    }
  }
  for (const [key, value] of Object.entries(overlay)) {
    values[key] = value;
    delete unsetSecrets[key];
  }
  return { environment: name, values, unsetSecrets, ...(environment.proxy ? { proxy: environment.proxy } : {}) };
}

/** Relative file paths of a target (protos, protosets, certificates, auth key files) resolved against the workspace. */
export function absolutizeTarget(target: TargetSettings, root: string): TargetSettings {
  const abs = (p: string | undefined) => (p === undefined ? undefined : resolveFromRoot(root, p));
  return {
    ...target,
    tls: {
      ...target.tls,
      caPath: abs(target.tls.caPath),
      certPath: abs(target.tls.certPath),
      keyPath: abs(target.tls.keyPath),
    },
    schema: {
      ...target.schema,
      protoFiles: target.schema.protoFiles.map((p) => abs(p)!),
      importPaths: target.schema.importPaths.map((p) => abs(p)!),
      protosets: target.schema.protosets.map((p) => abs(p)!),
    },
    ...(target.auth && 'keyFile' in target.auth ? { auth: { ...target.auth, keyFile: abs(target.auth.keyFile) } } : {}),
  } as TargetSettings;
}

/**
 * A saved request ready to send (environment and secrets applied, paths absolute), and its
 * template as written (what the history keeps: no secret values, {{variables}} in place).
 */
export async function resolveRequestAt(
  store: WorkspaceStore,
  path: string,
  environment: string | null,
  sources: SecretSources,
): Promise<{ resolved: ResolvedRequest; template: ResolvedRequest }> {
  const [template, scope] = await Promise.all([templateAt(store, path), environmentScope(store, environment, sources)]);
  const resolved = resolveTemplate(template, scope, path);
  return { resolved: { ...resolved, target: absolutizeTarget(resolved.target, store.root) }, template };
}

/** A saved request as written, with its named target looked up: {{variables}} still in place. */
export async function templateAt(store: WorkspaceStore, path: string): Promise<ResolvedRequest> {
  const [request, workspace] = await Promise.all([store.readRequest(path), store.readWorkspaceFile()]);
  return requestTemplate(request, workspace, path);
}

/**
 * A request template resolved again, with the environment as it is now: after scripts edited the
 * template and set variables (see scripts/scripted-call.ts).
 */
export async function resolveTemplateNow(
  store: WorkspaceStore,
  template: ResolvedRequest,
  environment: string | null,
  sources: SecretSources,
  path: string,
): Promise<ResolvedRequest> {
  const resolved = resolveTemplate(template, await environmentScope(store, environment, sources), path);
  return { ...resolved, target: absolutizeTarget(resolved.target, store.root) };
}
