import { randomInt, randomUUID } from 'node:crypto';

/**
 * Templates in rule bodies: any string may hold `{{expression}}`s. A string that is exactly one
 * expression takes the expression's value as it is (a number, an object), so `"{{request.count}}"`
 * stays a number; otherwise values are written into the string.
 *
 * Expressions: a path into what the call brings (`request.user.id`, `requests` on a client
 * stream, `metadata.x-user`, `vars.name`, `index` in a generated stream, `count`), or a helper:
 * `seq` (1, 2, 3... per rule), `uuid`, `now` (ISO 8601), `nowMs`, `random MIN MAX` (an integer,
 * both ends included).
 */

export interface TemplateContext {
  request?: unknown;
  requests?: unknown[];
  metadata: Record<string, string>;
  vars: Record<string, unknown>;
  index?: number;
  count?: number;
  /** The rule's own counter, for `seq`. */
  nextSeq: () => number;
  /** The clock `now` reads; tests pin it. */
  now: () => number;
}

export const TEMPLATE_ROOTS = ['request', 'requests', 'metadata', 'vars', 'index', 'count'] as const;
const HELPERS = ['seq', 'uuid', 'now', 'nowMs', 'random'] as const;

type Eval = (ctx: TemplateContext) => unknown;

export class TemplateError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** A body ready to render: `static` when it holds no expression (the server may encode it once). */
export interface CompiledTemplate {
  readonly isStatic: boolean;
  /** Request paths the template reads (`user.id`), for checking against the request type. */
  readonly requestPaths: string[];
  render(ctx: TemplateContext): unknown;
}

const EXPRESSION = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function compileTemplate(value: unknown): CompiledTemplate {
  const requestPaths: string[] = [];
  let dynamic = false;
  const build = (v: unknown, path: string): Eval => {
    if (typeof v === 'string') {
      const parts = compileString(v, path, requestPaths);
      if (!parts) return () => v;
      dynamic = true;
      return parts;
    }
    if (Array.isArray(v)) {
      const items = v.map((item, i) => build(item, `${path}[${i}]`));
      return (ctx) => items.map((f) => f(ctx));
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v).map(([k, item]) => [k, build(item, path ? `${path}.${k}` : k)] as const);
      return (ctx) => Object.fromEntries(entries.map(([k, f]) => [k, f(ctx)]));
    }
    return () => v;
  };
  const root = build(value, '');
  return { isStatic: !dynamic, requestPaths, render: root };
}

function compileString(text: string, path: string, requestPaths: string[]): Eval | undefined {
  const matches = [...text.matchAll(EXPRESSION)];
  if (matches.length === 0) return undefined;
  const evals = matches.map((m) => compileExpression(m[1]!, path, requestPaths));
  if (matches.length === 1 && matches[0]![0] === text) return evals[0];
  const literals = text.split(EXPRESSION).filter((_, i) => i % 2 === 0);
  return (ctx) => {
    let out = literals[0]!;
    evals.forEach((f, i) => {
      const v = f(ctx);
      out += (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v)) + literals[i + 1]!;
    });
    return out;
  };
}

function compileExpression(expr: string, path: string, requestPaths: string[]): Eval {
  const words = expr.split(/\s+/).filter(Boolean);
  const head = words[0] ?? '';
  const where = path ? `${path}: ` : '';
  if ((HELPERS as readonly string[]).includes(head)) {
    if (head === 'random') {
      const [min, max] = words.slice(1).map(Number);
      if (words.length !== 3 || !Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min! > max!) {
        throw new TemplateError(
          path,
          `${where}{{${expr}}}: random takes two integers, MIN <= MAX, e.g. {{random 1 100}}`,
        );
      }
      return () => randomInt(min!, max! + 1);
    }
    if (words.length > 1) throw new TemplateError(path, `${where}{{${expr}}}: ${head} takes no arguments`);
    if (head === 'seq') return (ctx) => ctx.nextSeq();
    if (head === 'uuid') return () => randomUUID();
    if (head === 'now') return (ctx) => new Date(ctx.now()).toISOString();
    return (ctx) => ctx.now();
  }
  const segments = head.split('.');
  const root = segments[0]!;
  if (words.length !== 1 || !(TEMPLATE_ROOTS as readonly string[]).includes(root)) {
    throw new TemplateError(
      path,
      `${where}{{${expr}}} is not a template expression: use ${TEMPLATE_ROOTS.join(', ')} (e.g. request.id) or a helper (${HELPERS.join(', ')})`,
    );
  }
  if (root === 'request' && segments.length > 1) requestPaths.push(segments.slice(1).join('.'));
  const rest = segments.slice(1);
  if (root === 'metadata') {
    const key = rest.join('.').toLowerCase();
    return (ctx) => (key ? ctx.metadata[key] : ctx.metadata);
  }
  return (ctx) => lookup(ctx[root as keyof TemplateContext], rest);
}

/** A value at a dotted path (array indexes as numbers); undefined when any step is missing. */
export function lookup(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}
