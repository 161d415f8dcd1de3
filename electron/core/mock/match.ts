import { isDeepStrictEqual } from 'node:util';
import { lookup } from './body-template';
import type { Condition, When } from './rule-format';

/** What a rule's `when` is tested against: the request as proto3 JSON (defaults included) and its metadata. */
export interface MatchInput {
  request: unknown;
  /** Lower-cased keys; a key sent several times holds every value. */
  metadata: Record<string, string[]>;
}

export type Matcher = (input: MatchInput) => boolean;

export class MatchError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

type Test = (value: unknown) => boolean;

/** Compiles a rule's `when` once, at load: a bad regex is named with its place, not met per call. */
export function compileWhen(when: When): Matcher {
  const request = Object.entries(when.request ?? {}).map(([path, c]) => {
    const test = compileCondition(c, `when.request.${path}`);
    const steps = path.split('.');
    return (input: MatchInput) => test(lookup(input.request, steps));
  });
  const metadata = Object.entries(when.metadata ?? {}).map(([key, c]) => {
    const test = compileCondition(c, `when.metadata.${key}`);
    const name = key.toLowerCase();
    return (input: MatchInput) => {
      const values = input.metadata[name];
      // "present: false" holds only when the key is absent; any other condition holds for any value.
      if (!values || values.length === 0) return test(undefined);
      return values.some((v) => test(v));
    };
  });
  const all = [...request, ...metadata];
  return (input) => all.every((t) => t(input));
}

function compileCondition(condition: Condition, path: string): Test {
  if (condition !== null && typeof condition === 'object' && !Array.isArray(condition)) {
    const keys = Object.keys(condition);
    if (keys.length === 1 && keys[0] === 'regex') {
      const source = (condition as { regex: string }).regex;
      let re: RegExp;
      try {
        re = new RegExp(source);
      } catch (err) {
        throw new MatchError(
          path,
          `${path}: the regex ${JSON.stringify(source)} is not valid: ${(err as Error).message}`,
        );
      }
      return (v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && re.test(String(v));
    }
    if (keys.length === 1 && keys[0] === 'present') {
      const want = (condition as { present: boolean }).present;
      return (v) => isPresent(v) === want;
    }
    if (keys.length === 1 && keys[0] === 'equals') return equalTo((condition as { equals: unknown }).equals);
  }
  return equalTo(condition);
}

/** Present as proto3 JSON sees it: set, and not the empty list or map a field holds by default. */
function isPresent(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** Equality as JSON means it, with 64-bit integers (strings in proto3 JSON) equal to the number written. */
function equalTo(expected: unknown): Test {
  if (typeof expected === 'number' || typeof expected === 'boolean') {
    return (v) => v === expected || (typeof v === 'string' && v === String(expected));
  }
  return (v) => isDeepStrictEqual(v, expected);
}
