import { JsonSyntaxError, parseExactJson, stringifyExact } from '../json/json-text';

/*
 * The request body as a form sees it: the value of the body's JSON text, read exactly (64-bit
 * integers typed unquoted stay bigints holding their digits, never doubles), edited by path and
 * written back as JSON text. The text stays the source of truth: a form reads it on every change
 * and writes a whole new text for every edit.
 */

export type JsonPath = ReadonlyArray<string | number>;

export type BodyRead = { ok: true; value: unknown } | { ok: false; line: number; column: number; reason: string };

/** The body's value, or where its JSON is broken (the form shows that and leaves the text alone). */
export function readBody(text: string): BodyRead {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: parseExactJson(text).value };
  } catch (err) {
    if (err instanceof JsonSyntaxError) return { ok: false, line: err.line, column: err.column, reason: err.reason };
    throw err;
  }
}

/** JSON text of a value read by readBody, two-space indented, bigints as their exact digits. */
export function writeBody(value: unknown): string {
  return stringifyExact(value);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function getAt(root: unknown, path: JsonPath): unknown {
  let at = root;
  for (const step of path) {
    if (typeof step === 'number') at = Array.isArray(at) ? at[step] : undefined;
    else at = isObject(at) && Object.hasOwn(at, step) ? at[step] : undefined;
  }
  return at;
}

/**
 * A copy of root with the value at path replaced (undefined removes an object's key or a list's
 * item). Missing objects on the way are made. Keys keep their order; a new key goes last.
 * Objects are rebuilt with Object.fromEntries, which defines own properties, so a key named
 * "__proto__" stays an ordinary key.
 */
export function setAt(root: unknown, path: JsonPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [step, ...rest] = path;
  if (typeof step === 'number') {
    const list = Array.isArray(root) ? [...(root as unknown[])] : [];
    const next = setAt(list[step], rest, value);
    if (next === undefined && rest.length === 0) list.splice(step, 1);
    else list[step] = next;
    return list;
  }
  const entries = isObject(root) ? Object.entries(root) : [];
  const next = setAt(isObject(root) && Object.hasOwn(root, step!) ? root[step!] : undefined, rest, value);
  const at = entries.findIndex(([k]) => k === step);
  if (next === undefined && rest.length === 0) {
    if (at >= 0) entries.splice(at, 1);
  } else if (at >= 0) entries[at] = [step!, next];
  else entries.push([step!, next]);
  return Object.fromEntries(entries);
}

/** An object with one key renamed in place (a map entry's key), its value and position kept. */
export function renameKey(obj: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k === from ? to : k, v]));
}

/** A list with the item at `from` moved to `to` (both in range). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item!);
  return out;
}
