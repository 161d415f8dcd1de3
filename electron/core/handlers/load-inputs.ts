import type { MetadataEntry } from '../../../shared/model/call';
import { AppError } from '../../../shared/model/errors';
import type { LoadPlan } from '../../../shared/model/load';
import type { TargetSettings } from '../../../shared/model/target';
import { resolveTemplateNow, templateAt, WorkspaceStore, type SecretSources } from '../workspace';
import { applyEnvironment, type CallEnvironment } from './call-environment';

/** What a plan's request comes to once its workspace and environment are applied. */
export interface ResolvedLoadRequest {
  target: TargetSettings;
  method: string;
  /** Request texts, placeholders kept (the environment's {{variables}} are applied). */
  messages: string[];
  metadata: MetadataEntry[];
  requestPath?: string;
  /** Relative data files resolve here. */
  baseDir: string;
}

/**
 * A saved request as `loupe run` reads it (its own target, the environment applied), or the
 * target, method, body and metadata the window sends, with the environment applied as a call's.
 */
export async function resolveLoadInputs(
  plan: LoadPlan,
  target: TargetSettings,
  environment: CallEnvironment | undefined,
  secrets: SecretSources,
): Promise<ResolvedLoadRequest> {
  const request = plan.request;
  if ('requestPath' in request) {
    if (!environment)
      throw new AppError(
        'VALIDATION',
        `A saved request (${request.requestPath}) is run within its workspace: open the workspace first`,
      );
    const store = await WorkspaceStore.open(environment.root);
    const template = await templateAt(store, request.requestPath);
    const resolved = await resolveTemplateNow(store, template, environment.name, secrets, request.requestPath);
    return {
      target: resolved.target,
      method: resolved.method,
      messages: resolved.messages,
      metadata: resolved.metadata,
      requestPath: request.requestPath,
      baseDir: store.root,
    };
  }
  const inputs = { target, metadata: request.metadata, messages: [request.body] };
  const applied = environment ? await applyEnvironment(inputs, environment, secrets) : inputs;
  return {
    target: applied.target,
    method: request.method,
    messages: applied.messages,
    metadata: applied.metadata,
    baseDir: environment?.root ?? process.cwd(),
  };
}
