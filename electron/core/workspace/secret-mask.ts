/**
 * Every secret value the engine has read, and the one step that puts `{{name}}` in its place.
 *
 * Requests carry templates, so a secret value should never reach the window, a file or the
 * console in the first place; this is the defense in depth behind that rule. Whatever crosses
 * the contract to the window (engine/index.ts wraps the port), goes into the history or is
 * printed by `loupe run` passes through `mask`, so a value that comes back some other way (a
 * server echoing a header, an error quoting the body) is masked too. Values are registered
 * where they are read (environmentScope, secret.set), so none can be missed.
 *
 * A short value masks every occurrence, as CI systems do: a secret "true" turns every "true" in
 * the output into {{name}}. That is the price of never showing it.
 */
export class SecretMask {
  /** Each form a value may take in text (as is, and escaped inside JSON), with its name. */
  private readonly names = new Map<string, string>();
  private pattern: RegExp | undefined;

  get size(): number {
    return this.names.size;
  }

  /** Remembers a secret's value; an empty value is no secret (and would match everywhere). */
  add(name: string, value: string): void {
    if (!value) return;
    for (const form of new Set([value, JSON.stringify(value).slice(1, -1)])) {
      if (this.names.get(form) === name) continue;
      this.names.set(form, name);
      this.pattern = undefined;
    }
  }

  /** The text with every known secret value replaced by `{{name}}`. */
  text(text: string): string {
    if (!this.names.size || !text) return text;
    // Longest first: a value that contains another is replaced whole.
    this.pattern ??= new RegExp(
      [...this.names.keys()]
        .sort((a, b) => b.length - a.length)
        .map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    );
    return text.replace(this.pattern, (form) => `{{${this.names.get(form)}}}`);
  }

  /**
   * Masks every string inside a JSON-like value (plain objects and arrays), keys aside. Returns
   * the same object when nothing changed, so the common case allocates nothing.
   */
  value<T>(input: T): T {
    return this.names.size ? (this.walk(input, 0) as T) : input;
  }

  /** An error for a log: its message and stack masked (a new Error only when they change). */
  error(error: unknown): unknown {
    if (!(error instanceof Error)) return this.value(error);
    const message = this.text(error.message);
    const stack = error.stack === undefined ? undefined : this.text(error.stack);
    if (message === error.message && stack === error.stack) return error;
    const masked = new Error(message);
    masked.name = error.name;
    masked.stack = stack;
    return masked;
  }

  private walk(input: unknown, depth: number): unknown {
    if (typeof input === 'string') return this.text(input);
    if (typeof input !== 'object' || input === null) return input;
    // Contract messages are shallow; a deeper value is masked as JSON text rather than recursing
    // on (the registered forms include each value as it reads inside JSON).
    if (depth > 64) return JSON.parse(this.text(JSON.stringify(input))) as unknown;
    if (Array.isArray(input)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < input.length; i++) {
        const item: unknown = input[i];
        if (typeof item === 'number') continue; // packed runs are long arrays of numbers
        const masked = this.walk(item, depth + 1);
        if (masked !== item) (out ??= input.slice())[i] = masked;
      }
      return out ?? input;
    }
    const proto: unknown = Object.getPrototypeOf(input);
    if (proto !== Object.prototype && proto !== null) return input;
    const record = input as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const item = record[key];
      const masked = this.walk(item, depth + 1);
      if (masked !== item) (out ??= { ...record })[key] = masked;
    }
    return out ?? input;
  }
}
