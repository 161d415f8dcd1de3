import { formatClock } from '../../ui/clock';
import type { MockRow } from './use-mock';

/** The calls the mock received, newest last, one compact row each in the timeline's style. */
export function MockLog({ rows, skipped }: { rows: MockRow[]; skipped: number }) {
  if (rows.length === 0 && skipped === 0) {
    return <p className="mock-empty">No calls yet. Open a tab on the mock and Send.</p>;
  }
  return (
    <div className="mock-log" role="log" aria-label="Calls the mock received" tabIndex={0}>
      {skipped > 0 && (
        <p className="mock-skipped">
          {skipped} earlier call{skipped === 1 ? '' : 's'} not shown
        </p>
      )}
      <ul>
        {rows.map(({ seq, entry, status }) => (
          <li key={seq} className={`mock-log-row${entry.code === 0 ? '' : ' problem'}`}>
            <span className="abs">{formatClock(entry.startedAt)}</span>
            <span className="method" title={entry.method}>
              {entry.method}
            </span>
            <span className="rule" title={entry.rule}>
              {entry.rule}
            </span>
            <span className="status" title={entry.message || undefined}>
              {status}
            </span>
            <span className="rel">{entry.durationMs} ms</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
