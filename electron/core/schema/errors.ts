import { AppError, type SourceLocation } from '../../../shared/model/errors';

/** A schema source failed to load; locations point at the offending files. */
export function schemaError(message: string, locations?: SourceLocation[], details?: unknown): AppError {
  return new AppError('SCHEMA', message, { locations, details });
}

export function notFound(message: string, details?: unknown): AppError {
  return new AppError('NOT_FOUND', message, { details });
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Closest names by edit distance, so NOT_FOUND errors can say "did you mean".
 * Cheap enough for the few thousand symbols a large schema has.
 */
export function closestNames(wanted: string, candidates: Iterable<string>, max = 3): string[] {
  const w = wanted.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of candidates) {
    const n = name.toLowerCase();
    let score = editDistance(w, n);
    // A candidate that contains the wanted text (or its last segment) is a strong hint.
    const tail = w.split(/[./]/).filter(Boolean).pop() ?? w;
    if (n.includes(w) || n.endsWith(tail)) score = Math.min(score, 1);
    scored.push({ name, score });
  }
  const limit = Math.max(3, Math.floor(w.length / 2));
  return scored
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((s) => s.name);
}

function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}
