import { randomInt, randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/model/errors';

/**
 * Per-call data in a load test's body and metadata: `{{$seq}}`, `{{$uuid}}`, `{{$randomInt}}`,
 * `{{$timestamp}}` and `{{$row.column}}`. The `$` keeps them apart from the environment's
 * `{{variables}}`, which are applied once before the run and leave these alone. A template is
 * parsed once; rendering joins its pieces. In a body, values are escaped for JSON strings, so a
 * data file's `"` or `\` cannot break it (a number's text is unchanged).
 */
const PLACEHOLDER = /\{\{\s*\$([A-Za-z][\w]*)(?:\.([^}\s]+))?\s*\}\}/g;
const BUILT_IN = ['seq', 'uuid', 'randomInt', 'timestamp'] as const;

/** What one call's placeholders take their values from. */
export interface CallData {
  seq: number;
  /** The data file's row for this call, by column. */
  row?: Record<string, string>;
}

type Piece = string | ((data: CallData) => string);

export interface CompiledTemplate {
  /** No placeholder: the same text for every call (encode it once). */
  readonly constant: boolean;
  render(data: CallData): string;
}

/** JSON string escaping without the quotes. */
const escapeJson = (text: string) => JSON.stringify(text).slice(1, -1);

/**
 * Parses a template, refusing placeholders it does not know and row columns the data file lacks
 * (`columns` undefined: no data file), each named with `field` (e.g. "the request body").
 */
export function compileTemplate(
  text: string,
  field: string,
  columns: readonly string[] | undefined,
  { json = true }: { json?: boolean } = {},
): CompiledTemplate {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const [whole, name, key] = match as unknown as [string, string, string | undefined];
    pieces.push(text.slice(last, match.index));
    last = match.index + whole.length;
    pieces.push(valueOf(name, key, field, columns, json ? escapeJson : (v) => v));
  }
  pieces.push(text.slice(last));
  const parts = pieces.filter((p) => p !== '');
  if (parts.every((p) => typeof p === 'string')) return { constant: true, render: () => text };
  return {
    constant: false,
    render: (data) => {
      let out = '';
      for (const p of parts) out += typeof p === 'string' ? p : p(data);
      return out;
    },
  };
}

function valueOf(
  name: string,
  key: string | undefined,
  field: string,
  columns: readonly string[] | undefined,
  escape: (value: string) => string,
): Piece {
  if (name === 'row') {
    if (!key) throw placeholderError(`{{$row}} in ${field} needs a column: {{$row.name}}`);
    if (!columns) throw placeholderError(`{{$row.${key}}} in ${field} needs a data file (--data-file rows.csv)`);
    if (!columns.includes(key))
      throw placeholderError(
        `{{$row.${key}}} in ${field}: the data file has no column '${key}' (it has: ${columns.join(', ') || 'none'})`,
      );
    return (data) => escape(data.row?.[key] ?? '');
  }
  if (key !== undefined) throw placeholderError(`{{$${name}.${key}}} in ${field}: only $row takes a column`);
  switch (name as (typeof BUILT_IN)[number]) {
    case 'seq':
      return (data) => String(data.seq);
    case 'uuid':
      return () => randomUUID();
    case 'randomInt':
      return () => String(randomInt(0, 2 ** 31 - 1));
    case 'timestamp':
      return () => String(Date.now());
    default:
      throw placeholderError(
        `Unknown placeholder {{$${name}}} in ${field}: use ${[...BUILT_IN.map((b) => `{{$${b}}}`), '{{$row.column}}'].join(', ')}`,
      );
  }
}

function placeholderError(message: string): AppError {
  return new AppError('VALIDATION', message);
}
