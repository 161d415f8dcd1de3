import { AppError } from '../model/errors';
import { formatSize } from '../text';

/** How long an unfinished value may grow, and what the limit is for ("request data file"). */
export interface ValueLimit {
  name: string;
  maxBytes: number;
}

/**
 * Splits text into top-level JSON values, concatenated or separated by whitespace or newlines
 * (`{"a":1}{"a":2}`, one per line, or bare values such as `12 "x"`), the way grpcurl reads `-d`
 * for streams. Used for the CLI's request data (literal, a file, stdin as it is typed) and for a
 * pasted grpcurl command's `-d`.
 *
 * It only finds boundaries and never parses: each value comes out as the very text typed, so a
 * 64-bit integer written unquoted stays exact, and the method's schema judges each value later
 * (through the one exact JSON codec). Values come out as soon as they are complete, so a client
 * stream fed from stdin sends each message when it is typed. A mistake it can see (a closing
 * bracket with nothing open, the input ending inside a value) is a VALIDATION error that names
 * the message and its line and column in the whole text.
 */
export class JsonValueSplitter {
  /** The text of the unfinished value from earlier chunks, and its length. */
  private pending: string[] = [];
  private pendingLength = 0;
  private inValue = false;
  private scalar = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Values completed so far. */
  private count = 0;
  /** Offset in the whole text of the chunk being scanned. */
  private offset = 0;
  /** Line of the character being scanned, and the offset in the whole text where that line starts. */
  private line = 1;
  private lineStart = 0;
  /** Where the unfinished value starts. */
  private startLine = 1;
  private startColumn = 1;

  /** Without a limit an unfinished value may grow without bound: give one when the text is endless (stdin). */
  constructor(private readonly limit?: ValueLimit) {}

  /** Feeds text; returns the values completed by it. */
  push(chunk: string): string[] {
    const out: string[] = [];
    // Where the unfinished value starts in this chunk: 0 when it began in an earlier one.
    let start = this.inValue ? 0 : -1;
    const emit = (end: number): void => {
      out.push(this.pending.join('') + chunk.slice(start, end));
      this.pending = [];
      this.pendingLength = 0;
      this.inValue = false;
      this.scalar = false;
      this.depth = 0;
      this.count++;
      start = -1;
    };
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === '\n') {
        this.line++;
        this.lineStart = this.offset + i + 1;
      }
      if (this.scalar) {
        // A bare number, true, false or null ends where whitespace or another value begins.
        if (!isSpace(c) && !BRACKETS_AND_QUOTE.has(c)) continue;
        emit(i); // and read this character below, as what follows the value
      } else if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          if (this.depth === 0) emit(i + 1);
        }
        continue;
      } else if (this.inValue) {
        if (c === '"') this.inString = true;
        else if (c === '{' || c === '[') this.depth++;
        else if ((c === '}' || c === ']') && --this.depth === 0) emit(i + 1);
        continue;
      }
      // Between values: the next one starts here, unless this is whitespace.
      if (isSpace(c)) continue;
      if (c === '}' || c === ']') throw this.unexpected(c, this.offset + i);
      start = i;
      this.inValue = true;
      this.startLine = this.line;
      this.startColumn = this.offset + i - this.lineStart + 1;
      if (c === '"') this.inString = true;
      else if (c === '{' || c === '[') this.depth = 1;
      else this.scalar = true;
    }
    this.offset += chunk.length;
    // Keep only the unfinished value, so memory stays bounded on long streams.
    if (start >= 0) {
      const rest = start === 0 ? chunk : chunk.slice(start);
      this.pending.push(rest);
      this.pendingLength += rest.length;
      if (this.limit && this.pendingLength > this.limit.maxBytes) {
        throw new AppError(
          'VALIDATION',
          `a request message is larger than the ${formatSize(this.limit.maxBytes)} limit for a ${this.limit.name} (or it never ends)`,
        );
      }
    }
    return out;
  }

  /** Call at the end of the input: returns a trailing bare value; throws if a value is unfinished. */
  end(): string[] {
    if (!this.inValue) return [];
    const rest = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    this.inValue = false;
    if (this.scalar) {
      this.scalar = false;
      this.count++;
      return [rest];
    }
    const message = this.count + 1;
    throw new AppError(
      'VALIDATION',
      `message #${message} (from line ${this.startLine}, column ${this.startColumn}) ends in the middle of a JSON value: ${rest.slice(0, 40)}${rest.length > 40 ? '...' : ''}`,
      { details: { message, line: this.startLine, column: this.startColumn } },
    );
  }

  private unexpected(c: string, at: number): AppError {
    const column = at - this.lineStart + 1;
    const after = this.count > 0 ? ` (after message #${this.count})` : '';
    return new AppError('VALIDATION', `unexpected '${c}' at line ${this.line}, column ${column}${after}`, {
      details: { message: this.count, line: this.line, column },
    });
  }
}

const BRACKETS_AND_QUOTE = new Set(['{', '[', '"', '}', ']']);

/** Whitespace between values; /\s/ also takes a byte order mark and the no-break spaces of pasted text. */
function isSpace(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\r' || c === '\t' || (c > '\x7f' && /\s/.test(c));
}

/** All the values of a complete text (see JsonValueSplitter). */
export function splitJsonValues(text: string, limit?: ValueLimit): string[] {
  const splitter = new JsonValueSplitter(limit);
  return [...splitter.push(text), ...splitter.end()];
}
