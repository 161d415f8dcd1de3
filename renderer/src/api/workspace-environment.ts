import { activeTarget, environmentFor, type AppState } from '../state';

/**
 * What the engine applies to the active tab's target: the open workspace and its environment,
 * else whatever the target itself needs (a relative path, a {{variable}}).
 */
export function workspaceEnvironment(s: AppState): { environment?: { root: string; name: string | null } } {
  if (s.workspace) return { environment: { root: s.workspace.root, name: s.workspace.activeEnvironment } };
  return environmentFor(activeTarget(s));
}
