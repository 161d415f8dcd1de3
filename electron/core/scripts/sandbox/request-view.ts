import { parseExactJson, stringifyExact } from '../../../../shared/json/json-text';

/** A call's metadata as scripts edit it: names compare case-insensitively, as gRPC's do. */
export interface MetadataView {
  get(name: string): string | undefined;
  getAll(name: string): string[];
  set(name: string, value: string): void;
  add(name: string, value: string): void;
  delete(name: string): void;
  has(name: string): boolean;
  toObject(): Record<string, string>;
  entries(): Array<{ name: string; value: string }>;
}

export function metadataView(rows: Array<{ name: string; value: string }>, writable: boolean): MetadataView {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const guard = () => {
    if (!writable) throw new Error('this metadata is read-only here');
  };
  return Object.freeze({
    get: (name: string) => rows.find((r) => same(r.name, name))?.value,
    getAll: (name: string) => rows.filter((r) => same(r.name, name)).map((r) => r.value),
    set(name: string, value: string) {
      guard();
      for (let i = rows.length - 1; i >= 0; i--) if (same(rows[i]!.name, name)) rows.splice(i, 1);
      rows.push({ name: String(name), value: String(value) });
    },
    add(name: string, value: string) {
      guard();
      rows.push({ name: String(name), value: String(value) });
    },
    delete(name: string) {
      guard();
      for (let i = rows.length - 1; i >= 0; i--) if (same(rows[i]!.name, name)) rows.splice(i, 1);
    },
    has: (name: string) => rows.some((r) => same(r.name, name)),
    toObject: () => Object.fromEntries(rows.map((r) => [r.name, r.value])),
    entries: () => rows.map((r) => ({ ...r })),
  });
}

/** Reads a message text a script is given; 64-bit integers beyond 2^53 become exact bigints. */
export function readMessage(text: string, what: string): unknown {
  try {
    return parseExactJson(text).value;
  } catch (err) {
    throw new Error(
      `${what} is not JSON a script can read (${(err as Error).message}); a {{variable}} outside quotes is not JSON: quote it, or use bodyText`,
    );
  }
}

export interface RequestInput {
  method: string;
  target: { address: string; protocol: string };
  metadata: Array<{ name: string; value: string }>;
  messages: string[];
  deadlineMs?: number;
  /** Unary and server streaming: exactly one request, `{}` when none was written. */
  single: boolean;
}

/**
 * The request a beforeCall hook edits. Its texts are templates: {{variables}} in them are
 * resolved after the hooks ran, so a value a hook sets with env.set is used by this very call.
 */
export function requestView(input: RequestInput) {
  const metadata = input.metadata.map((r) => ({ ...r }));
  let texts = input.single && !input.messages.length ? ['{}'] : input.messages.slice();
  let parsed: unknown[] | undefined;
  let deadlineMs = input.deadlineMs;
  const messages = () =>
    (parsed ??= texts.map((t, i) => readMessage(t, texts.length > 1 ? `message ${i + 1}` : 'the request body')));
  const view = {
    method: input.method,
    target: Object.freeze({ ...input.target }),
    metadata: metadataView(metadata, true),
    get body(): unknown {
      return messages()[0];
    },
    set body(value: unknown) {
      messages()[0] = value;
    },
    get bodyText(): string {
      return parsed ? stringifyExact(parsed[0]) : texts[0]!;
    },
    set bodyText(text: string) {
      texts = parsed ? parsed.map((m) => stringifyExact(m)) : texts;
      parsed = undefined;
      texts[0] = String(text);
    },
    get messages(): unknown[] {
      return messages();
    },
    set messages(list: unknown[]) {
      if (!Array.isArray(list)) throw new Error('request.messages must be an array');
      parsed = list.slice();
    },
    get deadlineMs(): number | undefined {
      return deadlineMs;
    },
    set deadlineMs(ms: number | undefined) {
      if (ms !== undefined && !(typeof ms === 'number' && ms > 0))
        throw new Error('request.deadlineMs must be a positive number');
      deadlineMs = ms === undefined ? undefined : Math.round(ms);
    },
  };
  const output = () => ({
    metadata,
    messages: parsed ? parsed.map((m) => stringifyExact(m)) : texts,
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
  });
  return { view: Object.seal(view), output };
}
