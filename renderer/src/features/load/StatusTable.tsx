import { memo } from 'react';
import type { StatusCount } from './figures';
import { formatCount, formatShare } from './format';

/** Calls by status code, failures first listed with the first messages of their kind. */
export const StatusTable = memo(function StatusTable({
  statuses,
  calls,
}: {
  statuses: readonly StatusCount[];
  calls: number;
}) {
  if (statuses.length === 0) return <p className="hint">No calls have ended yet.</p>;
  return (
    <table className="load-statuses" aria-label="Calls by status">
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Calls</th>
          <th scope="col">Share</th>
          <th scope="col">First errors</th>
        </tr>
      </thead>
      <tbody>
        {statuses.map((s) => (
          <tr key={s.name} className={s.name === 'OK' ? undefined : 'problem'}>
            <th scope="row">{s.name}</th>
            <td>{formatCount(s.count)}</td>
            <td>{formatShare(s.count, calls)}</td>
            <td>
              {s.firstErrors.length > 0 && (
                <ul className="load-first-errors">
                  {s.firstErrors.map((message, i) => (
                    <li key={i} title={message}>
                      {message}
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});
