/*
 * What a module reaches through static imports: the code that is loaded and run with it, before
 * anything it imports dynamically (import()). Start-up tests walk it to keep heavy parts that
 * are not needed at start-up out of the renderer's first screen and the engine's start.
 */

/** Static import and re-export specifiers (type-only ones are erased by the compiler). */
export function staticImports(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) specifiers.push(match[1]!);
  return specifiers;
}

/** The module a relative specifier names, as one of the keys `exists` knows (or its bare path). */
export function resolveRelative(from: string, specifier: string, exists: (path: string) => boolean): string {
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  const base = parts.join('/');
  return ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext).find(exists) ?? base;
}

/**
 * Source files (as `sourceOf` names them) and package imports (`zod`, `react-dom/client`) that `entry`
 * reaches without a dynamic import(). `sourceOf` answers undefined for anything not a source file.
 */
export function reachableModules(entry: string, sourceOf: (path: string) => string | undefined): Set<string> {
  const seen = new Set<string>();
  const exists = (path: string) => sourceOf(path) !== undefined;
  const queue = [entry];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    const source = sourceOf(next);
    if (source === undefined) continue; // a package, or a stylesheet
    for (const specifier of staticImports(source)) {
      queue.push(specifier.startsWith('.') ? resolveRelative(next, specifier, exists) : specifier.split('?')[0]!);
    }
  }
  return seen;
}
