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
 * A number literal written with a fraction or an exponent whose double is a whole number
 * (`1e3`, `12.0`, `9007199254740993e0`, `9007199254740993.5`), kept as typed: whether it is an
 * integer, and which one, is a question for its text, since its double may have rounded a
 * fraction away or the last digits of a big integer. See parseExactJson's `wholeDecimals`.
 */
export class NumberLiteral {
  constructor(readonly text: string) {}

  /** The double JSON means by it, where a double is what the field holds. */
  valueOf(): number {
    return Number(this.text);
  }

  /** Its exact value when that is an integer, computed from the digits typed; undefined for a fraction. */
  exactInteger(): bigint | undefined {
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(this.text);
    if (!m) return undefined;
    const [, sign, whole, fraction = '', exponent = '0'] = m;
    const digits = (whole! + fraction).replace(/^0+/, '');
    if (digits === '') return 0n; // 0.0e999999999 is zero, whatever the exponent
    // The value is digits * 10^scale. It is finite as a double, so a positive scale stays small.
    const scale = Number(exponent) - fraction.length;
    let value: bigint;
    if (scale >= 0) value = BigInt(digits) * 10n ** BigInt(scale);
    else {
      const zeros = digits.length - digits.replace(/0+$/, '').length;
      if (zeros < -scale) return undefined;
      value = BigInt(digits.slice(0, digits.length + scale));
    }
    return sign ? -value : value;
  }

  toString(): string {
    return this.text;
  }
}

/**
 * JSON.parse, except that an integer literal beyond Number's exact range (above 2^53 - 1 in
 * magnitude) becomes a bigint holding exactly the digits typed; `bigIntegers` counts them.
 * Numbers with a fraction or an exponent stay doubles, unless `wholeDecimals` asks for those whose
 * double is a whole number as NumberLiterals (for protobuf's integer fields); `marked` counts
 * both kinds. Throws JsonSyntaxError with the line and column of the first mistake, or of the
 * first value nested deeper than MAX_NESTING.
 */
export function parseExactJson(
  text: string,
  opts: { wholeDecimals?: boolean } = {},
): { value: unknown; bigIntegers: number; marked: number } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const found = locateJsonError(text);
    const at = lineColumn(text, found?.offset ?? text.length);
    throw new JsonSyntaxError(at.line, at.column, found?.reason ?? (err as Error).message);
  }
  const marked = markBigIntegers(text, opts.wholeDecimals ?? false);
  if (!marked) return { value, bigIntegers: 0, marked: 0 };
  // Read again with each marked literal turned into a marked string, and the marks into values.
  const exact: unknown = JSON.parse(marked.text, (_key, v: unknown) => {
    if (typeof v !== 'string' || !v.startsWith(marked.mark)) return v;
    const literal = v.slice(marked.mark.length);
    return /^-?\d+$/.test(literal) ? BigInt(literal) : new NumberLiteral(literal);
  });
  return { value: exact, bigIntegers: marked.bigIntegers, marked: marked.count };
}

/**
 * Deepest nesting read, the same bound as for workspace files. JSON.parse's reviver recurses on
 * the native stack and overflows it some thousands of levels down; protobuf's JSON reader refuses
 * more than 100 levels anyway.
 */
export const MAX_NESTING = MAX_JSON_DEPTH;

/**
 * Quotes each unsafe integer literal (and, with wholeDecimals, each whole-valued literal with a
 * fraction or an exponent) behind a mark no string in the text can start with: a NUL
 * character can only be written as the escape \u0000, so a mark of one NUL more than the longest
 * run of leading \u0000 escapes in any string literal cannot collide with the user's strings.
 */
function markBigIntegers(
  text: string,
  wholeDecimals: boolean,
): { text: string; mark: string; count: number; bigIntegers: number } | undefined {
  const big: Array<{ start: number; end: number }> = [];
  let bigIntegers = 0;
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
    } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const literal = text.slice(start, end);
      if (/^-?\d+$/.test(literal)) {
        if (Number.isSafeInteger(Number(literal))) return;
        big.push({ start, end });
        bigIntegers++;
      } else if (wholeDecimals && Number.isInteger(Number(literal))) big.push({ start, end });
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
  return { text: out + text.slice(from), mark: '\0'.repeat(leadingNuls + 1), count: big.length, bigIntegers };
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

/**
 * JSON.stringify(value, null, indent) (indent 2 unless given), except that a bigint (see
 * parseExactJson) prints its exact digits and a negative zero prints as -0, as proto3 JSON writes
 * a double's (JSON.stringify writes 0, a different double); with sortKeys, each object's keys in
 * code-point order (JavaScript itself lists integer-like keys first, whatever order they came in).
 */
export function stringifyExact(value: unknown, depth = 0, opts: { sortKeys?: boolean; indent?: number } = {}): string {
  if (typeof value === 'bigint') return value.toString();
  if (Object.is(value, -0)) return '-0';
  const indent = opts.indent ?? 2;
  const inner = indent > 0 ? '\n' + ' '.repeat(indent * (depth + 1)) : '';
  const outer = indent > 0 ? '\n' + ' '.repeat(indent * depth) : '';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((item) => inner + (item === undefined ? 'null' : stringifyExact(item, depth + 1, opts))).join(',')}${outer}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
    if (entries.length === 0) return '{}';
    if (opts.sortKeys) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const colon = indent > 0 ? ': ' : ':';
    return `{${entries.map(([key, v]) => `${inner}${JSON.stringify(key)}${colon}${stringifyExact(v, depth + 1, opts)}`).join(',')}${outer}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A JSON value (no bigints) as JSON.stringify(value, null, indent) writes it, keeping negative
 * zeros as -0: the native writer where there is none, which is nearly always and much faster.
 */
export function stringifyJson(value: unknown, indent: number): string {
  return holdsNegativeZero(value) ? stringifyExact(value, 0, { indent }) : JSON.stringify(value, null, indent);
}

function holdsNegativeZero(value: unknown): boolean {
  if (typeof value === 'number') return Object.is(value, -0);
  if (value === null || typeof value !== 'object') return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) if (holdsNegativeZero(item)) return true;
  return false;
}

/** Whether a value parsed by parseExactJson holds a bigint anywhere. */
export function holdsBigInt(value: unknown): boolean {
  if (typeof value === 'bigint') return true;
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(holdsBigInt);
}
