import { useEffect, useState } from 'react';
import { loadSchema } from '../../api';
import { activeSchema, activeTarget, useAppStore } from '../../state';
import { describeFileCount, describeSchemaAge } from './schema-age';

/** Where the loaded schema came from and how fresh it is, with a Refresh that skips the cache. */
export function SchemaStatus() {
  const schema = useAppStore(activeSchema);
  const hasAddress = useAppStore((s) => activeTarget(s).address.trim() !== '');
  const now = useNow(30_000);
  if (schema.status === 'idle') return null;
  const summary = schema.status === 'ready' ? schema.value : undefined;

  return (
    <section className="schema-status" aria-label="Schema">
      {summary && (
        <dl className="schema-facts">
          <dt>Sources</dt>
          <dd data-testid="schema-sources">{summary.sources.join(', ')}</dd>
          <dt>Files</dt>
          <dd data-testid="schema-file-count">{describeFileCount(summary.fileCount)}</dd>
          <dt>Age</dt>
          <dd
            data-testid="schema-age"
            data-loaded-at={summary.loadedAt}
            title={`Loaded ${new Date(summary.loadedAt).toLocaleString()}`}
          >
            {describeSchemaAge(summary, now)}
          </dd>
        </dl>
      )}
      <button
        type="button"
        className="schema-refresh"
        title="Load the schema again from its sources, bypassing the cache"
        disabled={schema.status === 'loading' || !hasAddress}
        onClick={() => void loadSchema(true)}
      >
        Refresh
      </button>
    </section>
  );
}

/** The current time, updated every `intervalMs`, so ages shown stay true while the app is open. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
