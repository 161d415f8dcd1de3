import type { HistorySummary } from '../../../../shared/model/workspace';

export { formatWhen } from '../../ui/clock';

/** A measured time, rounded for a glance ("12 ms", "1.23 s"); shared/model formatDuration says a setting exactly. */
export function formatElapsed(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** The status name, or "Failed" for a call that never got one (no connection, bad certificate...). */
export function statusLabel(entry: Pick<HistorySummary, 'status' | 'error'>): { text: string; ok: boolean } {
  if (entry.status) return { text: entry.status.name, ok: entry.status.code === 0 };
  return { text: entry.error ? 'Failed' : 'Unknown', ok: false };
}

/** The method's short form for a row: Service/Method. */
export function shortMethod(method: string): string {
  const m = method.replace(/^\//, '');
  const slash = m.lastIndexOf('/');
  const full = slash >= 0 ? m : `${m.slice(0, m.lastIndexOf('.'))}/${m.slice(m.lastIndexOf('.') + 1)}`;
  const service = full.slice(0, full.lastIndexOf('/'));
  return `${service.slice(service.lastIndexOf('.') + 1)}/${full.slice(full.lastIndexOf('/') + 1)}`;
}
