import { AppError } from '../model/errors';
import { TargetSettingsSchema } from '../model/target';
import type { ResolvedRequest, SavedRequest, WorkspaceFile } from '../model/workspace';
import { substituteAuth } from './auth-variables';
import { bodyToText, validateWith } from './json-file';
import { resolveVariables, substitute, type VariableScope } from './variables';

/**
 * A saved request as the user wrote it, in the shape of one ready to send: the named target
 * looked up, bodies as text, switched-off metadata left out, defaults filled in, and every
 * {{variable}} still in place. This is what the history keeps: it never holds a secret's value,
 * and reopening it gives back what was written.
 */
export function requestTemplate(
  request: SavedRequest,
  workspace: Pick<WorkspaceFile, 'targets'>,
  name: string,
): ResolvedRequest {
  let stored = request.target;
  if (typeof stored === 'string') {
    const named = workspace.targets[stored];
    if (!named) throw new AppError('NOT_FOUND', `${name}: the workspace has no target named '${stored}'`);
    stored = named;
  }
  return {
    target: validateWith(TargetSettingsSchema, stored, name),
    method: request.method,
    messages:
      request.messages !== undefined
        ? request.messages.map(bodyToText)
        : request.body !== undefined
          ? [bodyToText(request.body)]
          : [],
    metadata: (request.metadata ?? [])
      .filter((row) => row.enabled !== false)
      .map((row) => ({ name: row.name, value: row.value })),
    deadlineMs: request.deadlineMs,
    emitDefaults: request.options?.emitDefaults ?? false,
  };
}

/**
 * A request template with {{variables}} replaced in the address, authority, proxy, metadata and
 * bodies; a target without a proxy of its own takes the environment's.
 * `name` identifies the request in errors (its path in the collection).
 */
export function resolveTemplate(template: ResolvedRequest, scope: VariableScope, name: string): ResolvedRequest {
  const vars = resolveVariables(scope);
  const sub = (text: string, field: string) => substitute(text, vars, `${field} of ${name}`, scope);
  const withVars = { ...template.target, address: sub(template.target.address, 'the address') };
  if (typeof withVars.authority === 'string') withVars.authority = sub(withVars.authority, 'the authority');
  withVars.auth = substituteAuth(withVars.auth, sub);
  const proxy = withVars.proxy ?? scope.proxy;
  if (proxy !== undefined) withVars.proxy = sub(proxy, 'the proxy');
  const several = template.messages.length > 1;
  return {
    ...template,
    target: validateWith(TargetSettingsSchema, withVars, name), // e.g. an address variable that is empty
    messages: template.messages.map((text, i) => sub(text, several ? `message ${i + 1}` : 'the body')),
    metadata: template.metadata.map((row) => ({
      name: sub(row.name, 'a metadata name').toLowerCase(),
      value: sub(row.value, `metadata '${row.name}'`),
    })),
  };
}

/** A saved request ready to send: the named target looked up, {{variables}} replaced, defaults filled in. */
export function resolveSavedRequest(
  request: SavedRequest,
  workspace: Pick<WorkspaceFile, 'targets'>,
  scope: VariableScope,
  name: string,
): ResolvedRequest {
  return resolveTemplate(requestTemplate(request, workspace, name), scope, name);
}
