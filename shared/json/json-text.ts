import { lineColumn } from '../text';
import { locateJsonError, MAX_JSON_DEPTH } from '../workspace/json-locate';

/*
 * JSON text as people type it, without losing what they typed. JSON.parse reads every number as
 * a double, so 9007199254740993 silently becomes 9007199254740992 and 18446744073709551615
 * becomes 18446744073709552000; protobuf's 64-bit integers may be written that way unquoted.
 */

export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}

/**
 * JSON.parse, except that an integer literal beyond Number's exact range (above 2^53 - 1 in
 * magnitude) becomes a bigint holding exactly the digits typed; `bigIntegers` counts them.
 * Numbers with a fraction or an exponent stay doubles. Throws JsonSyntaxError with the line and
 * column of the first mistake, or of the first value nested deeper than MAX_NESTING.
 */
export function parseExactJson(text: string): { value: unknown; bigIntegers: number } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const found = locateJsonError(text);
    const at = lineColumn(text, found?.offset ?? text.length);
    throw new JsonSyntaxError(at.line, at.column, found?.reason ?? (err as Error).message);
  }
  const marked = markBigIntegers(text);
  if (!marked) return { value, bigIntegers: 0 };
  // Read again with each big literal turned into a marked string, and the marks into bigints.
  const exact: unknown = JSON.parse(marked.text, (_key, v: unknown) =>
    typeof v === 'string' && v.startsWith(marked.mark) ? BigInt(v.slice(marked.mark.length)) : v,
  );
  return { value: exact, bigIntegers: marked.count };
}

/**
 * Deepest nesting read, the same bound as for workspace files. JSON.parse's reviver recurses on
 * the native stack and overflows it some thousands of levels down; protobuf's JSON reader refuses
 * more than 100 levels anyway.
 */
export const MAX_NESTING = MAX_JSON_DEPTH;

/**
 * Quotes each unsafe integer literal behind a mark no string in the text can start with: a NUL
 * character can only be written as the escape \u0000, so a mark of one NUL more than the longest
 * run of leading \u0000 escapes in any string literal cannot collide with the user's strings.
 */
function markBigIntegers(text: string): { text: string; mark: string; count: number } | undefined {
  const big: Array<{ start: number; end: number }> = [];
  let leadingNuls = 0;
  let depth = 0;
  scanTokens(text, (start, end) => {
    const c = text[start];
    if (c === '{' || c === '[') {
      if (++depth > MAX_NESTING) {
        const at = lineColumn(text, start);
        throw new JsonSyntaxError(at.line, at.column, `values are nested more than ${MAX_NESTING} levels deep`);
      }
    } else if (c === '}' || c === ']') {
      depth--;
    } else if (c === '"') {
      let nuls = 0;
      while (text.startsWith('\\u0000', start + 1 + 6 * nuls)) nuls++;
      leadingNuls = Math.max(leadingNuls, nuls);
    } else if (/^-?\d+$/.test(text.slice(start, end)) && !Number.isSafeInteger(Number(text.slice(start, end)))) {
      big.push({ start, end });
    }
  });
  if (!big.length) return undefined;
  const escapedMark = '\\u0000'.repeat(leadingNuls + 1);
  let out = '';
  let from = 0;
  for (const { start, end } of big) {
    out += `${text.slice(from, start)}"${escapedMark}${text.slice(start, end)}"`;
    from = end;
  }
  return { text: out + text.slice(from), mark: '\0'.repeat(leadingNuls + 1), count: big.length };
}

/**
 * Re-indents JSON text the way JSON.stringify(value, null, indent) would lay it out, keeping
 * every literal exactly as typed (numbers are not re-printed, duplicate keys are not dropped).
 * Returns undefined when the text is not valid JSON.
 */
export function reformatJson(text: string, indent = 2): string | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  const tokens: string[] = [];
  scanTokens(text, (start, end) => void tokens.push(text.slice(start, end)));
  const pad = (depth: number) => (indent > 0 ? `\n${' '.repeat(indent * depth)}` : '');
  let out = '';
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '{' || t === '[') {
      const next = tokens[i + 1];
      if (next === (t === '{' ? '}' : ']')) {
        out += t + next;
        i++;
      } else out += t + pad(++depth);
    } else if (t === '}' || t === ']') out += pad(--depth) + t;
    else if (t === ',') out += `,${pad(depth)}`;
    else if (t === ':') out += indent > 0 ? ': ' : ':';
    else out += t;
  }
  return out;
}

const PUNCTUATION = new Set(['{', '}', '[', ']', ',', ':']);
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/**
 * Calls back with each token of valid JSON text: a string literal (quotes included), a
 * punctuation character, or a bare word (a number, true, false, null). A loop, not a regular
 * expression: a pattern for strings with escapes overflows the stack on a string of megabytes.
 */
function scanTokens(text: string, onToken: (start: number, end: number) => void): void {
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (WHITESPACE.has(c)) {
      i++;
    } else if (c === '"') {
      let close = text.indexOf('"', i + 1);
      // A quote preceded by an odd number of backslashes is escaped.
      while (close > 0 && precedingBackslashes(text, close) % 2 === 1) close = text.indexOf('"', close + 1);
      const end = close < 0 ? text.length : close + 1;
      onToken(i, end);
      i = end;
    } else if (PUNCTUATION.has(c)) {
      onToken(i, ++i);
    } else {
      const start = i;
      while (i < text.length && !WHITESPACE.has(text[i]!) && !PUNCTUATION.has(text[i]!) && text[i] !== '"') i++;
      onToken(start, i);
    }
  }
}

function precedingBackslashes(text: string, at: number): number {
  let n = 0;
  while (text[at - 1 - n] === '\\') n++;
  return n;
}

/** JSON.stringify(value, null, 2), except that a bigint (see parseExactJson) prints its exact digits. */
export function stringifyExact(value: unknown, depth = 0): string {
  if (typeof value === 'bigint') return value.toString();
  const inner = '\n' + '  '.repeat(depth + 1);
  const outer = '\n' + '  '.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((item) => inner + (item === undefined ? 'null' : stringifyExact(item, depth + 1))).join(',')}${outer}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
    if (entries.length === 0) return '{}';
    return `{${entries.map(([key, v]) => `${inner}${JSON.stringify(key)}: ${stringifyExact(v, depth + 1)}`).join(',')}${outer}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Whether a value parsed by parseExactJson holds a bigint anywhere. */
export function holdsBigInt(value: unknown): boolean {
  if (typeof value === 'bigint') return true;
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(holdsBigInt);
}
