import { AppError } from '../model/errors';
import { TargetSettingsSchema } from '../model/target';
import type { ResolvedRequest, SavedRequest, WorkspaceFile } from '../model/workspace';
import { bodyToText, validateWith } from './json-file';
import { resolveVariables, substitute, type VariableScope } from './variables';

/**
 * Turns a saved request into one ready to send: the named target looked up, {{variables}}
 * replaced in the address, authority, metadata and bodies, defaults filled in.
 * `name` identifies the request in errors (its path in the collection).
 */
export function resolveSavedRequest(request: SavedRequest, workspace: Pick<WorkspaceFile, 'targets'>, scope: VariableScope, name: string): ResolvedRequest {
  let stored = request.target;
  if (typeof stored === 'string') {
    const named = workspace.targets[stored];
    if (!named) throw new AppError('NOT_FOUND', `${name}: the workspace has no target named '${stored}'`);
    stored = named;
  }
  const vars = resolveVariables(scope);
  const sub = (text: string, field: string) => substitute(text, vars, `${field} of ${name}`, scope);
  const withVars = { ...stored, address: sub(stored.address, 'the address') };
  if (typeof stored.authority === 'string') withVars.authority = sub(stored.authority, 'the authority');
  const target = validateWith(TargetSettingsSchema, withVars, name);

  const texts = request.messages !== undefined ? request.messages.map(bodyToText) : request.body !== undefined ? [bodyToText(request.body)] : [];
  const messages = texts.map((text, i) => sub(text, request.messages !== undefined ? `message ${i + 1}` : 'the body'));
  const metadata = (request.metadata ?? [])
    .filter((row) => row.enabled !== false)
    .map((row) => ({ name: sub(row.name, 'a metadata name').toLowerCase(), value: sub(row.value, `metadata '${row.name}'`) }));
  return {
    target,
    method: request.method,
    messages,
    metadata,
    deadlineMs: request.deadlineMs,
    emitDefaults: request.options?.emitDefaults ?? false,
  };
}
