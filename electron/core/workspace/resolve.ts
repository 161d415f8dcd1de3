import { AppError } from '../../../shared/model/errors';
import type { TargetSettings } from '../../../shared/model/target';
import type { EnvironmentFile, EnvironmentView, ResolvedRequest } from '../../../shared/model/workspace';
import { resolveSavedRequest } from '../../../shared/workspace/resolve-request';
import type { VariableScope } from '../../../shared/workspace/variables';
import { resolveFromRoot } from './layout';
import { secretEnvName, type SecretStore } from './secrets';
import type { WorkspaceStore } from './workspace-store';

export interface SecretSources {
  store?: SecretStore;
  /** Usually process.env; LOUPE_SECRET_<NAME> supplies a secret. */
  env?: NodeJS.ProcessEnv;
}

/** Where each secret of an environment would come from (values are not returned). */
export async function secretStatus(root: string, name: string, environment: EnvironmentFile, sources: SecretSources): Promise<EnvironmentView['secrets']> {
  const stored = new Set(sources.store ? await sources.store.names(root, name) : []);
  return environment.variables
    .filter((v) => v.secret)
    .map((v) => ({
      name: v.name,
      source: sources.env?.[secretEnvName(v.name)] !== undefined ? 'process-env' : stored.has(v.name) ? 'store' : 'missing',
    }));
}

/** The variables of an environment with secrets filled in from the process environment or the store. */
export async function environmentScope(store: WorkspaceStore, name: string | null, sources: SecretSources): Promise<VariableScope> {
  if (name === null) return { values: {} };
  const environment = await store.readEnvironment(name).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', `The workspace has no environment named '${name}'`);
    throw err;
  });
  const values: Record<string, string> = {};
  const unsetSecrets: Record<string, string> = {};
  for (const v of environment.variables) {
    if (!v.secret) {
      values[v.name] = v.value ?? '';
      continue;
    }
    const value = sources.env?.[secretEnvName(v.name)] ?? (await sources.store?.get(store.root, name, v.name));
    // A secret without a value stays undefined: using it fails, naming it and where a value comes from.
    if (value !== undefined) values[v.name] = value;
    else unsetSecrets[v.name] = secretEnvName(v.name);
  }
  return { environment: name, values, unsetSecrets };
}

/** Relative file paths of a target (protos, protosets, certificates) resolved against the workspace. */
export function absolutizeTarget(target: TargetSettings, root: string): TargetSettings {
  const abs = (p: string | undefined) => (p === undefined ? undefined : resolveFromRoot(root, p));
  return {
    ...target,
    tls: { ...target.tls, caPath: abs(target.tls.caPath), certPath: abs(target.tls.certPath), keyPath: abs(target.tls.keyPath) },
    schema: {
      ...target.schema,
      protoFiles: target.schema.protoFiles.map((p) => abs(p)!),
      importPaths: target.schema.importPaths.map((p) => abs(p)!),
      protosets: target.schema.protosets.map((p) => abs(p)!),
    },
  };
}

/** A saved request ready to send: environment and secrets applied, paths absolute. */
export async function resolveRequestAt(store: WorkspaceStore, path: string, environment: string | null, sources: SecretSources): Promise<ResolvedRequest> {
  const [request, workspace, scope] = await Promise.all([store.readRequest(path), store.readWorkspaceFile(), environmentScope(store, environment, sources)]);
  const resolved = resolveSavedRequest(request, workspace, scope, path);
  return { ...resolved, target: absolutizeTarget(resolved.target, store.root) };
}
