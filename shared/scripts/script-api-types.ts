/**
 * The script API as TypeScript declarations: what the script editor completes and explains
 * (Monaco's extra lib), and what README documents. Kept as text so it declares globals only
 * inside the script editor, never in the project's own type checks; script-api-types.test.ts
 * compiles it against example scripts.
 */
export const SCRIPT_API_TYPES = String.raw`
/** A gRPC metadata map; names compare case-insensitively. Values of -bin keys are base64. */
interface LoupeMetadata {
  get(name: string): string | undefined;
  getAll(name: string): string[];
  has(name: string): boolean;
  /** Replaces every value of this name (beforeCall only). */
  set(name: string, value: string): void;
  /** Adds a value (beforeCall only). */
  add(name: string, value: string): void;
  delete(name: string): void;
  toObject(): Record<string, string>;
  entries(): Array<{ name: string; value: string }>;
}

/** The request a beforeCall hook edits. Its texts may hold {{variables}}: they are resolved after the hooks ran. */
interface LoupeRequest {
  /** pkg.Service/Method */
  readonly method: string;
  readonly target: { readonly address: string; readonly protocol: string };
  metadata: LoupeMetadata;
  /** The first message as an object (64-bit integers beyond 2^53 are bigints). */
  body: any;
  /** The first message as text, exactly as written. */
  bodyText: string;
  /** Every message the call starts with (client and bidi streams). */
  messages: any[];
  /** The call's deadline in ms; undefined for none. */
  deadlineMs: number | undefined;
}

interface LoupeStatus {
  /** 0 is OK. */
  code: number;
  /** OK, NOT_FOUND, UNAVAILABLE... */
  name: string;
  message: string;
  /** Decoded google.rpc error details. */
  details: Array<{ type: string; json?: unknown; raw?: string }>;
}

/** What afterCall sees. */
interface LoupeResponse {
  status: LoupeStatus;
  /** status.code === 0 */
  ok: boolean;
  headers: LoupeMetadata;
  trailers: LoupeMetadata;
  /** The last message received (a unary call's response); every field, defaults included. */
  message: any;
  /** The messages received, up to the last 10,000. */
  messages: any[];
  /** How many messages were received in all. */
  count: number;
  timings: { durationMs: number };
}

/** What call() answers. It never throws for a status: check ok. */
interface LoupeCallResult {
  ok: boolean;
  status: LoupeStatus;
  /** The first message received. */
  message: any;
  /** Up to 1,000 messages received. */
  messages: any[];
  count: number;
  headers: Record<string, string>;
  trailers: Record<string, string>;
}

interface LoupeCallOptions {
  /** Metadata for this call; values may use {{variables}}. */
  metadata?: Record<string, string> | Array<{ name: string; value: string }>;
  /** 30,000 ms unless set. */
  deadlineMs?: number;
}

/** Runs before the call, outermost script first; may be async (e.g. to call() a login first). */
declare function beforeCall(hook: (request: LoupeRequest) => unknown): void;
/**
 * Runs before each message is sent. Change the message in place, return a new one, or return
 * false to drop it.
 */
declare function beforeSend(hook: (message: any, context: { index: number }) => any): void;
/** Runs for every message received, in order; its tests count per message. */
declare function onMessage(hook: (message: any, context: { index: number }) => unknown): void;
/** Runs once the call ended, with its status, headers, trailers and messages. */
declare function afterCall(hook: (response: LoupeResponse) => unknown): void;

/** A named test: passes unless fn throws (or its promise rejects). */
declare function test(name: string, fn: () => unknown): void;
/**
 * Compares value with the approved snapshot of this name (snapshots/<request>.json); fields in
 * ignore are left out: a bare name at any depth ('createdAt'), or a dotted path ('items.*.id').
 * With none approved yet it fails until you approve the value received.
 */
declare function snapshot(name: string, value: unknown, options?: { ignore?: string[] }): void;
/** chai's expect: expect(x).to.equal(y), .to.deep.equal, .to.match, .to.have.property... */
declare const expect: Chai.ExpectStatic;
/** chai's assert: assert.equal(a, b), assert.deepEqual, assert.isTrue... */
declare const assert: Chai.AssertStatic;

/** The active environment's variables. */
declare const env: {
  get(name: string): string | undefined;
  has(name: string): boolean;
  /**
   * Sets a variable for the requests that follow (and this one's {{name}}, from beforeCall). The
   * app keeps it for you outside the workspace; loupe run for the run. secret: masked everywhere.
   */
  set(name: string, value: unknown, options?: { secret?: boolean }): void;
};

/** Calls a method on the same server (environment applied); it runs no scripts itself. */
declare function call(method: string, body?: unknown, options?: LoupeCallOptions): Promise<LoupeCallResult>;
/** A row in the call's timeline (and loupe run's JSON report). */
declare function log(...values: unknown[]): void;
declare const console: { log: typeof log; info: typeof log; warn: typeof log; error: typeof log; debug: typeof log };

declare namespace Chai {
  interface ExpectStatic {
    (value: any, message?: string): Assertion;
    fail(message?: string): never;
  }
  interface Assertion {
    to: Assertion;
    be: Assertion;
    been: Assertion;
    is: Assertion;
    that: Assertion;
    which: Assertion;
    and: Assertion;
    has: Assertion;
    have: Assertion;
    with: Assertion;
    at: Assertion;
    of: Assertion;
    same: Assertion;
    but: Assertion;
    does: Assertion;
    not: Assertion;
    deep: Assertion;
    nested: Assertion;
    own: Assertion;
    ordered: Assertion;
    any: Assertion;
    all: Assertion;
    ok: Assertion;
    true: Assertion;
    false: Assertion;
    null: Assertion;
    undefined: Assertion;
    NaN: Assertion;
    exist: Assertion;
    empty: Assertion;
    a(type: string, message?: string): Assertion;
    an(type: string, message?: string): Assertion;
    include(value: any, message?: string): Assertion;
    includes(value: any, message?: string): Assertion;
    contain(value: any, message?: string): Assertion;
    contains(value: any, message?: string): Assertion;
    equal(value: any, message?: string): Assertion;
    equals(value: any, message?: string): Assertion;
    eq(value: any, message?: string): Assertion;
    eql(value: any, message?: string): Assertion;
    above(value: number | bigint, message?: string): Assertion;
    gt(value: number | bigint, message?: string): Assertion;
    least(value: number | bigint, message?: string): Assertion;
    gte(value: number | bigint, message?: string): Assertion;
    below(value: number | bigint, message?: string): Assertion;
    lt(value: number | bigint, message?: string): Assertion;
    most(value: number | bigint, message?: string): Assertion;
    lte(value: number | bigint, message?: string): Assertion;
    within(start: number, finish: number, message?: string): Assertion;
    instanceof(constructor: any, message?: string): Assertion;
    property(name: string, value?: any, message?: string): Assertion;
    lengthOf(length: number, message?: string): Assertion;
    length: Assertion & ((length: number, message?: string) => Assertion);
    match(re: RegExp, message?: string): Assertion;
    string(value: string, message?: string): Assertion;
    keys(...keys: any[]): Assertion;
    throw(expected?: any, message?: string): Assertion;
    satisfy(matcher: (value: any) => boolean, message?: string): Assertion;
    closeTo(expected: number, delta: number, message?: string): Assertion;
    members(set: any[], message?: string): Assertion;
    oneOf(list: any[], message?: string): Assertion;
  }
  interface AssertStatic {
    (expression: any, message?: string): asserts expression;
    fail(message?: string): never;
    ok(value: any, message?: string): void;
    isOk(value: any, message?: string): void;
    isTrue(value: any, message?: string): void;
    isFalse(value: any, message?: string): void;
    equal(actual: any, expected: any, message?: string): void;
    notEqual(actual: any, expected: any, message?: string): void;
    strictEqual(actual: any, expected: any, message?: string): void;
    deepEqual(actual: any, expected: any, message?: string): void;
    notDeepEqual(actual: any, expected: any, message?: string): void;
    isAbove(value: number, above: number, message?: string): void;
    isBelow(value: number, below: number, message?: string): void;
    isDefined(value: any, message?: string): void;
    isUndefined(value: any, message?: string): void;
    isNull(value: any, message?: string): void;
    isString(value: any, message?: string): void;
    isNumber(value: any, message?: string): void;
    isArray(value: any, message?: string): void;
    include(haystack: any, needle: any, message?: string): void;
    match(value: string, regexp: RegExp, message?: string): void;
    property(object: any, property: string, message?: string): void;
    lengthOf(object: any, length: number, message?: string): void;
    throws(fn: () => void, expected?: any, message?: string): void;
  }
}
`;
