import { History, Trash2 } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { HistorySummary } from '../../../../shared/model/workspace';
import { clearHistory, historyResponse, listHistory, openHistoryEntry } from '../../api';
import { CompareButton } from '../../ui/compare/CompareButton';
import { useAppStore } from '../../state';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorBox } from '../../ui/ErrorBox';
import { TestCounts } from '../../ui/TestCounts';
import { ConfirmDialog } from '../../ui/Dialog';
import { useAction } from '../../ui/use-action';
import { formatElapsed, formatWhen, shortMethod, statusLabel } from './format';

/** Finished calls, counted across tabs, so the list refreshes when one more call ends. */
const finishedCalls = (s: ReturnType<typeof useAppStore.getState>): string =>
  Object.values(s.tabs)
    .map((t) => (t.call?.phase === 'finished' ? t.call.callId : ''))
    .join();

/** Every call made, newest first, searchable; a click reopens one as a new tab. */
export function HistoryView() {
  const [query, setQuery] = useState('');
  const [entries, setEntries] = useState<HistorySummary[] | undefined>();
  const [confirming, setConfirming] = useState(false);
  const finished = useAppStore(finishedCalls);
  const action = useAction();

  const refresh = useCallback(() => {
    let live = true;
    void action.run(async () => {
      const found = await listHistory(query);
      if (live) setEntries(found);
    });
    return () => {
      live = false;
    };
    // action.run is stable in behaviour; re-running on its identity would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);
  // The engine records a call as it ends; a short delay lets that write land first.
  useEffect(() => {
    const timer = setTimeout(refresh, finished ? 150 : 0);
    return () => clearTimeout(timer);
  }, [refresh, finished]);

  return (
    <section className="history" aria-label="History">
      <div className="history-tools">
        <input
          type="search"
          aria-label="Search history"
          placeholder="Search method, address, status…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <Button size="sm" icon={<Trash2 />} onClick={() => setConfirming(true)} disabled={!entries?.length}>
          Clear
        </Button>
      </div>
      {action.error && <ErrorBox error={action.error} />}
      {entries && entries.length === 0 && (
        <EmptyState compact icon={<History size={18} />} title={query ? 'No calls match' : 'No calls yet'}>
          <p>
            {query
              ? 'Search looks in the method, the address and the status.'
              : 'Calls you make appear here. Pick one to open it again in a new tab.'}
          </p>
        </EmptyState>
      )}
      <ul className="history-list" aria-label="Calls">
        {entries?.map((e) => {
          const status = statusLabel(e);
          return (
            <li key={e.id}>
              <button
                type="button"
                className="history-entry"
                title={`${e.method}\n${e.address}${e.error ? `\n${e.error}` : ''}`}
                onClick={() => void action.run(() => openHistoryEntry(e.id))}
              >
                <span className="history-method truncate">{shortMethod(e.method)}</span>
                <span className={`history-status ${status.ok ? 'ok' : 'bad'}`}>{status.text}</span>
                <span className="history-meta">
                  {formatWhen(e.at)} · {formatElapsed(e.durationMs)}
                  {e.requestPath ? ` · ${e.requestPath}` : ''}
                </span>
                {e.tests && (e.tests.passed > 0 || e.tests.failed > 0) && (
                  <span className="history-tests">
                    <TestCounts passed={e.tests.passed} failed={e.tests.failed} />
                  </span>
                )}
                <span className="history-address">{e.address}</span>
              </button>
              <span className="history-compare">
                <CompareButton side={() => historyResponse(e.id, `${shortMethod(e.method)} ${formatWhen(e.at)}`)} />
              </span>
            </li>
          );
        })}
      </ul>
      {confirming && (
        <ConfirmDialog
          title="Clear history"
          message="Forget every recorded call? Saved requests are not affected."
          confirm="Clear history"
          onConfirm={() => void action.run(clearHistory).then(() => (setConfirming(false), refresh()))}
          onClose={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
