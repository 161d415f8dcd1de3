import { FILE_KINDS, formatSize } from '../core/fs/read-user-file';

/**
 * Splits a stream of text into top-level JSON values, concatenated or separated by whitespace
 * or newlines (`{"a":1}{"a":2}` or one per line), as grpcurl accepts them. Values come out as soon as
 * they are complete, so a client stream fed from stdin sends each message when it is typed.
 * It only finds boundaries; the protobuf JSON parser validates each value afterwards.
 */
export class JsonValueSplitter {
  private buf = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = -1;
  private scalar = false;

  /** An unfinished value may grow to this many characters: an endless one on stdin must not fill memory. */
  constructor(private readonly maxValueChars = FILE_KINDS.requestData.maxBytes) {}

  /** Feeds text; returns the values completed by it. */
  push(chunk: string): string[] {
    const out: string[] = [];
    const base = this.buf.length;
    this.buf += chunk;
    for (let i = base; i < this.buf.length; i++) {
      const c = this.buf[i]!;
      if (this.start < 0) {
        if (/\s/.test(c)) continue;
        if (c === '}' || c === ']') throw new Error(`unexpected '${c}' in the request data`);
        this.start = i;
        this.scalar = c !== '{' && c !== '[' && c !== '"';
      }
      if (this.scalar) {
        // A bare number/true/false/null ends at whitespace or where a new value begins.
        if (/\s/.test(c) || c === '{' || c === '[' || c === '"') {
          out.push(this.buf.slice(this.start, i));
          this.start = -1;
          this.scalar = false;
          i--; // re-read this character as the start of what follows
        }
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          if (this.depth === 0) this.emit(out, i);
        }
        continue;
      }
      if (c === '"') this.inString = true;
      else if (c === '{' || c === '[') this.depth++;
      else if (c === '}' || c === ']') {
        this.depth--;
        if (this.depth < 0) throw new Error(`unexpected '${c}' in the request data`);
        if (this.depth === 0) this.emit(out, i);
      }
    }
    // Keep only the unfinished value, so memory stays bounded on long streams.
    if (this.start < 0) this.buf = '';
    else if (this.start > 0) {
      this.buf = this.buf.slice(this.start);
      this.start = 0;
    }
    if (this.buf.length > this.maxValueChars) {
      throw new Error(
        `a request message is larger than the ${formatSize(this.maxValueChars)} limit for a ${FILE_KINDS.requestData.name} (or it never ends)`,
      );
    }
    return out;
  }

  private emit(out: string[], end: number): void {
    out.push(this.buf.slice(this.start, end + 1));
    this.start = -1;
  }

  /** Call at end of input: returns a trailing bare scalar; throws if a value is unfinished. */
  end(): string[] {
    if (this.start < 0) return [];
    const rest = this.buf.slice(this.start).trim();
    this.start = -1;
    this.buf = '';
    if (this.scalar) return rest ? [rest] : [];
    throw new Error(
      `the request data ends in the middle of a JSON value: ${rest.slice(0, 40)}${rest.length > 40 ? '...' : ''}`,
    );
  }
}

export function splitJsonValues(text: string): string[] {
  const s = new JsonValueSplitter();
  return [...s.push(text), ...s.end()];
}
