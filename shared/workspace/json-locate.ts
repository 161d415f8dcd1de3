/**
 * Deeper nesting than any hand-written file has, and shallow enough that every recursive walk
 * of the parsed value (JSON.stringify, validation, the protobuf codec) stays far from the stack's
 * end. JSON.parse itself accepts any depth.
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * Where the nesting of JSON text first goes deeper than `max` levels (the offset of the bracket
 * that opens level max + 1), or undefined. Strings are skipped, so brackets inside them do not count.
 */
export function tooDeepAt(text: string, max = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
    } else if (c === 0x7b || c === 0x5b /* { [ */) {
      if (++depth > max) return i;
    } else if (c === 0x7d || c === 0x5d /* } ] */) {
      depth--;
    }
  }
  return undefined;
}

/**
 * Finds where JSON text first goes wrong. JSON.parse does the parsing; this runs only after it
 * failed, because engines' messages often carry no position at all ("Unexpected token 'o', ...").
 * Returns the offset and a short reason, or undefined if the text is in fact valid.
 * It keeps its own stack of open containers instead of recursing, so no nesting can overflow it.
 */
export function locateJsonError(text: string): { offset: number; reason: string } | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  // An Error so that anything that escapes still carries a stack; caught below as control flow.
  class Stop extends Error {
    constructor(readonly reason: string) {
      super(reason);
    }
  }
  const fail = (reason: string): never => {
    throw new Stop(reason);
  };
  const describe = () => (i >= text.length ? 'the text ends too early' : `unexpected ${JSON.stringify(text[i])}`);
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('a line break or control character inside a string');
      if (text[i] === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('a bad \\u escape');
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) fail('a bad escape in a string');
        i += 2;
        continue;
      }
      i++;
    }
    if (i >= text.length) fail('a string is not closed');
    i++;
  };
  const key = () => {
    ws();
    if (text[i] !== '"') fail(`expected a double-quoted property name, ${describe()}`);
    string();
    ws();
    if (text[i] !== ':') fail(`expected ':', ${describe()}`);
    i++;
  };
  /** The containers open around the current position, innermost last. */
  const open: Array<'{' | '['> = [];
  /**
   * Reads one value. A container's opening (and its first key) is consumed and the container
   * pushed; its members are read by the loop below, not by recursion.
   */
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) return void i++;
      open.push(c);
      if (c === '{') key();
      return;
    }
    if (c === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) fail(`expected a value, ${describe()}`);
    i += literal![0].length;
  };
  try {
    value();
    // After each value inside a container: a comma and the next member, or the container's end.
    while (open.length > 0) {
      const depth = open.length;
      value();
      if (open.length > depth) continue; // it opened a container: read its first member next
      for (;;) {
        const container = open.at(-1);
        if (!container) break;
        const close = container === '{' ? '}' : ']';
        ws();
        if (text[i] === ',') {
          i++;
          if (container === '{') key();
          break;
        }
        if (text[i] !== close) fail(`expected ',' or '${close}', ${describe()}`);
        i++;
        open.pop();
      }
    }
    ws();
    if (i < text.length) fail(`unexpected text after the JSON value`);
    return undefined;
  } catch (err) {
    if (err instanceof Stop) return { offset: Math.min(i, text.length), reason: err.reason };
    throw err;
  }
}
