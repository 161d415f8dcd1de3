import { TargetSettingsSchema } from '../../../../shared/model/target';
import type { EnvironmentView, ResolvedRequest } from '../../../../shared/model/workspace';
import { validateWith } from '../../../../shared/workspace/json-file';
import { replaceReferences } from '../../../../shared/workspace/variables';
import { savedMethodName, type RequestTab } from '../../state';

/**
 * Fills the environment's plain {{variables}} into a text. Secrets and unknown names stay as
 * written: a command copied to the clipboard must not carry secret values.
 */
export function fillPlainVariables(text: string, environment: EnvironmentView | undefined): string {
  if (!environment) return text;
  const values = new Map(
    environment.environment.variables.filter((v) => !v.secret && v.value !== undefined).map((v) => [v.name, v.value!]),
  );
  // Variables may use variables; a few rounds settle any sane chain without looping on a cycle.
  let out = text;
  for (let round = 0; round < 5; round++) {
    const next = replaceReferences(out, (name, whole) => values.get(name) ?? whole);
    if (next === out) break;
    out = next;
  }
  return out;
}

/** A tab's request as the command builders take it, with the environment's plain variables filled in. */
export function resolvedFromTab(tab: RequestTab, environment: EnvironmentView | undefined): ResolvedRequest {
  const fill = (t: string) => fillPlainVariables(t, environment);
  const target = validateWith(TargetSettingsSchema, { ...tab.target, address: fill(tab.target.address) }, 'the target');
  const seconds = Number(tab.deadlineSeconds.trim());
  return {
    target,
    method: savedMethodName(tab.method ?? ''),
    messages: [fill(tab.body ?? '{}')],
    metadata: tab.metadata
      .filter((r) => r.enabled && r.name.trim())
      .map((r) => ({ name: r.name.trim().toLowerCase(), value: fill(r.value) })),
    ...(tab.deadlineSeconds.trim() && seconds > 0 ? { deadlineMs: Math.round(seconds * 1000) } : {}),
    emitDefaults: false,
  };
}
