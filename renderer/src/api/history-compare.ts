import type { HistoryEntry } from '../../../shared/model/workspace';
import { api } from './client';

/**
 * A history entry's answer as one JSON document, for comparing: its response (an array when
 * several), or its status when it has none.
 */
export async function historyResponse(id: string, label: string): Promise<{ label: string; text: string }> {
  const entry: HistoryEntry = await api().request('history.get', { id });
  const [only] = entry.responses;
  if (entry.responses.length === 1 && only !== undefined) return { label, text: only };
  if (entry.responses.length > 1) return { label, text: `[${entry.responses.join(',')}]` };
  return { label, text: JSON.stringify({ status: entry.status ?? null, error: entry.error ?? null }) };
}
