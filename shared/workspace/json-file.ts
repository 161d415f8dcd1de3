import type { z } from 'zod';
import { stringifyJson } from '../json/json-text';
import { AppError } from '../model/errors';
import { lineColumn, stripBom } from '../text';
import { locateJsonError, MAX_JSON_DEPTH, tooDeepAt } from './json-locate';

/**
 * JSON.parse with an error that names the file, the line and the column. A leading byte order
 * mark is ignored; nesting deeper than MAX_JSON_DEPTH is refused where it happens.
 */
export function parseJsonText(input: string, file: string): unknown {
  const text = stripBom(input);
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    const { line, column } = lineColumn(text, deep);
    throw new AppError(
      'VALIDATION',
      `${file}:${line}:${column}: invalid JSON: nested deeper than ${MAX_JSON_DEPTH} levels`,
      {
        locations: [{ file, line, column }],
      },
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    const found = text.trim() === '' ? undefined : locateJsonError(text);
    if (found) {
      const { line, column } = lineColumn(text, found.offset);
      throw new AppError('VALIDATION', `${file}:${line}:${column}: invalid JSON: ${found.reason}`, {
        locations: [{ file, line, column }],
      });
    }
    const reason = text.trim() === '' ? 'the file is empty' : (err as Error).message;
    throw new AppError('VALIDATION', `${file}: invalid JSON: ${reason}`, { locations: [{ file }] });
  }
}

/** Validates parsed JSON; a failure names the file and the field, e.g. `metadata[0].name`. */
export function validateWith<S extends z.ZodType>(schema: S, value: unknown, file: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const field = formatPath(issue.path);
    return field ? `${field}: ${issue.message}` : issue.message;
  });
  throw new AppError('VALIDATION', `${file}: ${issues.join('; ')}`, {
    locations: [{ file }],
    details: { fields: parsed.error.issues.map((i) => formatPath(i.path)) },
  });
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out;
}

export function parseFile<S extends z.ZodType>(schema: S, text: string, file: string): z.output<S> {
  return validateWith(schema, parseJsonText(text, file), file);
}

/**
 * Puts the known keys first in a fixed order and keeps any other keys (from a newer format) after
 * them in their original order, so the same data always serializes to the same bytes.
 */
export function orderKeys<T extends object>(value: T, order: readonly string[]): T {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of order) if (source[key] !== undefined) out[key] = source[key];
  for (const key of Object.keys(source)) if (!(key in out) && source[key] !== undefined) out[key] = source[key];
  return out as T;
}

/** The one formatting every workspace file uses: 2-space JSON (a negative zero stays -0) with a trailing newline. */
export function formatJson(value: unknown): string {
  return stringifyJson(value, 2) + '\n';
}

/** A stored body back to the text the user edits. */
export function bodyToText(body: unknown): string {
  if (body === undefined) return '{}';
  return typeof body === 'string' ? body : JSON.stringify(body, null, 2);
}

/**
 * The text the user typed, stored as a JSON value when that is lossless (it re-serializes to the
 * very same text), so diffs show fields; otherwise as the exact string.
 */
export function textToStoredBody(text: string): string | Record<string, unknown> | unknown[] {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && JSON.stringify(value, null, 2) === text) {
      return value as Record<string, unknown> | unknown[];
    }
  } catch {
    // not JSON (e.g. a template with {{vars}}): kept as text
  }
  return text;
}
