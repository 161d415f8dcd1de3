/**
 * Snapshot comparison: a received value against the approved one, with fields left out. Runs
 * inside the script sandbox (and in tests), so it uses nothing but the language.
 *
 * An ignore entry is either a bare field name (`createdAt`: that field at any depth) or a dotted
 * path from the top (`items.*.id`, `meta.requestId`), where `*` stands for any field or index.
 */
export function withoutIgnored(value: unknown, ignore: readonly string[]): unknown {
  const anywhere = new Set(ignore.filter((p) => !p.includes('.')));
  const paths = ignore.filter((p) => p.includes('.')).map((p) => p.split('.'));
  const walk = (v: unknown, at: string[]): unknown => {
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...at, String(i)]));
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(v)) {
      const here = [...at, key];
      if (anywhere.has(key) || paths.some((p) => matches(p, here))) continue;
      out[key] = walk(inner, here);
    }
    return out;
  };
  return walk(value, []);
}

function matches(pattern: string[], path: string[]): boolean {
  return pattern.length === path.length && pattern.every((part, i) => part === '*' || part === path[i]);
}

/** Where two JSON values differ, as `path: approved -> received` lines (at most `limit`). */
export function differences(approved: unknown, received: unknown, limit = 5): string[] {
  const out: string[] = [];
  const show = (v: unknown) => (v === undefined ? '(absent)' : truncate(JSON.stringify(v) ?? typeof v));
  const visit = (a: unknown, b: unknown, path: string) => {
    if (out.length >= limit) return;
    if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
      for (const key of keys)
        visit(a[key], b[key], Array.isArray(a) ? `${path}[${key}]` : path ? `${path}.${key}` : key);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${path || '(the whole value)'}: ${show(a)} -> ${show(b)}`);
  };
  visit(approved, received, '');
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object';
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
