/*
 * Where a text-format parse failed. @bufbuild/protobuf's parser says what went wrong but not
 * where; it reads left to right and decides on each token as it comes, so the shortest prefix of
 * the text that fails with the same message ends at the token that failed. A binary search finds
 * it in log2(length) parses, paid only when the text is wrong.
 */

export interface TextPosition {
  /** 1-based. */
  line: number;
  column: number;
  /** The field being read there, as a dotted path of the names typed ('' at the top). */
  path: string;
}

export function locateTextError(text: string, fullMessage: string, parse: (prefix: string) => void): TextPosition {
  const failsTheSameWay = (end: number) => {
    try {
      parse(text.slice(0, end));
      return false;
    } catch (err) {
      return err instanceof Error && err.message === fullMessage;
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (failsTheSameWay(mid)) hi = mid;
    else lo = mid + 1;
  }
  const start = tokenStart(text, lo);
  return { ...lineColumn(text, start), path: fieldPathAt(text, start) };
}

/** The start of the token that ends at `end` (a quoted string, or a run of name and number characters). */
function tokenStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  const last = text[i - 1];
  if (last === '"' || last === "'") {
    let j = i - 2;
    while (j >= 0 && !(text[j] === last && text[j - 1] !== '\\')) j--;
    return Math.max(0, j);
  }
  let j = i;
  while (j > 0 && /[\w.+-]/.test(text[j - 1]!)) j--;
  return j === i ? Math.max(0, i - 1) : j;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The names of the fields open at `offset`: a name is an identifier or a [bracketed] name followed
 * by ':', '{' or '<'; braces and angle brackets open and close messages. Strings and comments are
 * skipped, so a brace inside them does not count.
 */
// Sticky (y): they match at lastIndex without copying the rest of the text, so a scan stays linear.
const BRACKETED_NAME = /\[[^\]{}<>:"']*\]/y;
const IDENTIFIER = /[A-Za-z_]\w*/y;
const NAME_FOLLOWS = /\s*[:{<]/y;

export function fieldPathAt(text: string, offset: number): string {
  const stack: string[] = [];
  let current = '';
  let i = 0;
  while (i < offset) {
    const c = text[i]!;
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '{' || c === '<') {
      stack.push(current);
      current = '';
      i++;
    } else if (c === '}' || c === '>') {
      current = stack.pop() ?? '';
      i++;
    } else if (/[A-Za-z_[]/.test(c)) {
      const pattern = c === '[' ? BRACKETED_NAME : IDENTIFIER;
      pattern.lastIndex = i;
      const name = pattern.exec(text)?.[0];
      if (!name) {
        i++;
        continue;
      }
      i += name.length;
      NAME_FOLLOWS.lastIndex = i;
      if (NAME_FOLLOWS.test(text)) current = name;
    } else {
      i++;
    }
  }
  return [...stack, current].filter(Boolean).join('.');
}
