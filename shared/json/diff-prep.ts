import { JsonSyntaxError, parseExactJson, stringifyExact } from './json-text';

/*
 * Two JSON documents made ready for a line diff: fields the user chose to ignore dropped, keys
 * sorted at every depth (so the order a server wrote them in makes no noise), laid out alike.
 * Numbers are read exactly: a 64-bit integer differs only when its digits do.
 */

/** A rule's path segments; "*" is any one key or list index. */
export type IgnoreRule = string[];

/**
 * Rules from what the user typed: field paths separated by commas or new lines. A rule matches a
 * field whose path ends with it: `timestamp` is any field named timestamp, `*.id` an id one level
 * inside anything, `items.*.etag` the etag of every item.
 */
export function parseIgnoreRules(text: string): { rules: IgnoreRule[]; problems: string[] } {
  const rules: IgnoreRule[] = [];
  const problems: string[] = [];
  for (const raw of text.split(/[,\n]/)) {
    const rule = raw.trim();
    if (!rule) continue;
    const segments = rule.split('.');
    if (segments.some((s) => s === '')) problems.push(`"${rule}": a path of field names joined by dots, * for any one`);
    else rules.push(segments);
  }
  return { rules, problems };
}

/** The text as it is, with why, when it is not JSON (a diff of it is still worth showing). */
export function prepareForDiff(text: string, rules: IgnoreRule[]): { text: string; problem?: string } {
  let value: unknown;
  try {
    value = parseExactJson(text).value;
  } catch (err) {
    if (err instanceof JsonSyntaxError) return { text, problem: `not JSON (${err.message}): compared as text` };
    throw err;
  }
  return { text: stringifyExact(rules.length ? withoutIgnored(value, [], rules) : value, 0, { sortKeys: true }) };
}

function withoutIgnored(value: unknown, path: string[], rules: IgnoreRule[]): unknown {
  if (Array.isArray(value)) return value.map((item, i) => withoutIgnored(item, [...path, String(i)], rules));
  if (value === null || typeof value !== 'object') return value;
  const kept: Array<[string, unknown]> = [];
  for (const [key, v] of Object.entries(value)) {
    const at = [...path, key];
    if (!rules.some((rule) => endsWith(at, rule))) kept.push([key, withoutIgnored(v, at, rules)]);
  }
  return Object.fromEntries(kept);
}

function endsWith(path: string[], rule: IgnoreRule): boolean {
  if (rule.length > path.length) return false;
  const offset = path.length - rule.length;
  return rule.every((segment, i) => segment === '*' || segment === path[offset + i]);
}
