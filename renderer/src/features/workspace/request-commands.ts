import { TargetSettingsSchema } from '../../../../shared/model/target';
import type { EnvironmentView, ResolvedRequest } from '../../../../shared/model/workspace';
import { validateWith } from '../../../../shared/workspace/json-file';
import { replaceReferences } from '../../../../shared/workspace/variables';
import { parsePositive } from '../../../../shared/text';
import { enabledMetadata, savedMethodName, type RequestTab } from '../../state';

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
  const deadlineMs = parsePositive(tab.deadlineSeconds, 1000);
  return {
    target,
    method: savedMethodName(tab.method ?? ''),
    messages: [fill(tab.body ?? '{}')],
    metadata: enabledMetadata(tab.metadata, fill),
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    emitDefaults: false,
  };
}
