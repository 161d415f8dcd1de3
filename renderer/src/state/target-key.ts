import { TargetSettingsSchema, type TargetSettingsInput } from '../../../shared/model/target';

/** A tab with no server yet; one shared object so selectors that fall back to it stay stable. */
export const EMPTY_TARGET: TargetSettingsInput = Object.freeze({ address: '' });

// Targets are replaced, never mutated, so a key computed once per object (and workspace context)
// stays true; this keeps selectors that run on every store update from parsing with zod each time.
const keys = new WeakMap<TargetSettingsInput, { context: WorkspaceContext | undefined; key: string }>();

/** The open workspace and its active environment, which targets with {{variables}} or relative paths depend on. */
export interface WorkspaceContext {
  root: string;
  environment: string | null;
}

let context: WorkspaceContext | undefined;

/** Called by the store whenever the open workspace or its active environment changes. */
export function setWorkspaceContext(next: WorkspaceContext | undefined): void {
  if (next?.root === context?.root && next?.environment === context?.environment) return;
  context = next;
}

const isRelative = (path: string | undefined) =>
  path !== undefined && path !== '' && !/^([/\\]|[A-Za-z]:[/\\])/.test(path);

/**
 * Whether a target means different things in different workspaces or environments: {{variables}}
 * in its address or authority, or file paths relative to the workspace folder.
 */
export function dependsOnWorkspace(target: TargetSettingsInput): boolean {
  if (`${target.address}${target.authority ?? ''}`.includes('{{')) return true;
  const tls = target.tls ?? {};
  const schema = target.schema ?? {};
  return [
    tls.caPath,
    tls.certPath,
    tls.keyPath,
    ...(schema.protoFiles ?? []),
    ...(schema.importPaths ?? []),
    ...(schema.protosets ?? []),
  ].some(isRelative);
}

/** What the engine needs to apply the workspace to a target, when the target depends on it. */
export function environmentFor(target: TargetSettingsInput): { environment?: { root: string; name: string | null } } {
  return context && dependsOnWorkspace(target)
    ? { environment: { root: context.root, name: context.environment } }
    : {};
}

/**
 * A stable name for a target's connection and schema settings (and, for a target that depends on
 * the workspace, the workspace and environment it is seen in): two tabs with equal settings
 * (however they were typed: defaults omitted or spelled out) share one schema load. The settings
 * go through the zod schema first so defaults are filled and the field order is the schema's.
 */
export function targetKey(target: TargetSettingsInput): string {
  const known = keys.get(target);
  if (known !== undefined && known.context === context) return known.key;
  const parsed = TargetSettingsSchema.safeParse(target);
  // An unparsable target (an empty address while typing) still needs a key; it never loads.
  let key = parsed.success ? JSON.stringify(parsed.data) : `invalid:${JSON.stringify(target)}`;
  // {{addr}} is another server in another environment: its schema is loaded per environment.
  const applied = environmentFor(target).environment;
  if (applied) key += `\nin ${applied.root} with ${applied.name ?? '(no environment)'}`;
  keys.set(target, { context, key });
  return key;
}

/** Method details depend on the schema, so they are keyed by target and method. */
export function detailsKey(key: string, method: string): string {
  return `${key}\n${method}`;
}
