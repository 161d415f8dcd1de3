import { memo } from 'react';
import { PERCENTILE_LABELS, PERCENTILES, type RunFigures } from './figures';
import { formatCount, formatDuration, formatMs, formatRate, formatShare } from './format';

/** The headline figures of a run: calls, calls/s, errors, elapsed time, then every percentile. */
export const RunSummary = memo(function RunSummary({ figures }: { figures: RunFigures }) {
  return (
    <div className="load-summary">
      <dl className="load-headline" aria-label="Run totals">
        <div>
          <dt>Calls</dt>
          <dd data-testid="load-calls">{formatCount(figures.calls)}</dd>
        </div>
        <div>
          <dt>Calls/s</dt>
          <dd data-testid="load-rps">{formatRate(figures.rps)}</dd>
        </div>
        <div className={figures.errors > 0 ? 'problem' : undefined}>
          <dt>Errors</dt>
          <dd>
            {formatCount(figures.errors)} ({formatShare(figures.errors, figures.calls)})
          </dd>
        </div>
        <div>
          <dt>Elapsed</dt>
          <dd>{formatDuration(figures.elapsedMs)}</dd>
        </div>
      </dl>
      <table className="load-percentiles" aria-label="Latency percentiles">
        <thead>
          <tr>
            {PERCENTILES.map((name) => (
              <th key={name} scope="col">
                {PERCENTILE_LABELS[name]}
              </th>
            ))}
            <th scope="col">mean</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            {PERCENTILES.map((name) => (
              <td key={name}>{figures.calls > 0 ? formatMs(figures.latencyMs[name]) : '—'}</td>
            ))}
            <td>{figures.calls > 0 ? formatMs(figures.latencyMs.mean) : '—'}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
});
