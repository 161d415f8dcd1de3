import { TargetSettingsSchema, type TargetSettingsInput } from '../../../shared/model/target';

/** A tab with no server yet; one shared object so selectors that fall back to it stay stable. */
export const EMPTY_TARGET: TargetSettingsInput = Object.freeze({ address: '' });

// Targets are replaced, never mutated, so a key computed once per object stays true; this keeps
// selectors that run on every store update (a stream batch) from parsing with zod each time.
const keys = new WeakMap<TargetSettingsInput, string>();

/**
 * A stable name for a target's connection and schema settings: two tabs with equal settings
 * (however they were typed: defaults omitted or spelled out) share one schema load. The settings
 * go through the zod schema first so defaults are filled and the field order is the schema's.
 */
export function targetKey(target: TargetSettingsInput): string {
  const known = keys.get(target);
  if (known !== undefined) return known;
  const parsed = TargetSettingsSchema.safeParse(target);
  // An unparsable target (an empty address while typing) still needs a key; it never loads.
  const key = parsed.success ? JSON.stringify(parsed.data) : `invalid:${JSON.stringify(target)}`;
  keys.set(target, key);
  return key;
}

/** Method details depend on the schema, so they are keyed by target and method. */
export function detailsKey(key: string, method: string): string {
  return `${key}\n${method}`;
}
