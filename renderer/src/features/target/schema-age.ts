import type { SchemaSummary } from '../../../../shared/model/schema';

/** "from cache, 3 min old" or "loaded just now": how fresh the schema in the sidebar is. */
export function describeSchemaAge(summary: Pick<SchemaSummary, 'loadedAt' | 'fromCache'>, now: number): string {
  const age = humanAge(now - summary.loadedAt);
  if (summary.fromCache) return age ? `from cache, ${age} old` : 'from cache, under a minute old';
  return age ? `loaded ${age} ago` : 'loaded just now';
}

/** Whole minutes, hours or days; undefined under a minute (clocks differ by seconds anyway). */
export function humanAge(ms: number): string | undefined {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return undefined;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? '' : 's'}`;
}

export function describeFileCount(count: number): string {
  return `${count} file${count === 1 ? '' : 's'}`;
}
