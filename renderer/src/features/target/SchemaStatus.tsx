import { useEffect, useState } from 'react';
import { loadSchema } from '../../api';
import { activeSchema, activeTarget, activeTargetKey, useAppStore } from '../../state';
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
          <SchemaAge loadedAt={summary.loadedAt}>{describeSchemaAge(summary, now)}</SchemaAge>
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
      <SchemaChanges />
    </section>
  );
}

/**
 * The schema's age, with the time it loaded as a tooltip. The tooltip is formatted when the pointer
 * first reaches it: a locale date format is slow to set up, and this one appeared with the first
 * services listed, on the start-up's critical path.
 */
function SchemaAge({ loadedAt, children }: { loadedAt: number; children: string }) {
  // Which schema's time the pointer has reached: a newer schema waits for the pointer again.
  const [describedAt, setDescribedAt] = useState<number>();
  const title = describedAt === loadedAt ? `Loaded ${new Date(loadedAt).toLocaleString()}` : undefined;
  return (
    <dd
      data-testid="schema-age"
      data-loaded-at={loadedAt}
      title={title}
      onPointerEnter={() => setDescribedAt(loadedAt)}
    >
      {children}
    </dd>
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

/** How many findings the notice lists; the Drift view has room for the rest. */
const NOTICE_FINDINGS = 8;

/** After a refresh that changed something: what changed, breaking first, until dismissed. */
function SchemaChanges() {
  const notice = useAppStore((s) => s.schemaChanges);
  const key = useAppStore(activeTargetKey);
  const dismiss = useAppStore((s) => s.setSchemaChanges);
  if (!notice || notice.targetKey !== key) return null;
  const { findings, breaking } = notice.report;
  const additions = findings.filter((f) => f.kind === 'addition').length;
  const hygiene = findings.filter((f) => f.kind === 'hygiene').length;
  return (
    <div className="schema-changes" role="status" aria-label="Schema changes">
      <strong>
        The schema changed: {breaking} breaking, {additions} {additions === 1 ? 'addition' : 'additions'}
        {hygiene > 0 ? `, ${hygiene} hygiene` : ''}
      </strong>{' '}
      <button type="button" onClick={() => dismiss(undefined)}>
        Dismiss
      </button>
      <ul>
        {findings.slice(0, NOTICE_FINDINGS).map((f, i) => (
          <li key={i} className={`schema-change-${f.kind}`}>
            {f.message}
          </li>
        ))}
      </ul>
      {findings.length > NOTICE_FINDINGS && <p className="hint">…and {findings.length - NOTICE_FINDINGS} more.</p>}
    </div>
  );
}
