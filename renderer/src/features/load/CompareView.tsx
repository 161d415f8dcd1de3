import { useEffect, useState } from 'react';
import { toErrorData, type ErrorData } from '../../../../shared/model/errors';
import type { LoadComparison, LoadRunSummary } from '../../../../shared/model/load';
import { api } from '../../api';
import { ErrorBox } from '../../ui/ErrorBox';
import { comparedRows } from './compare';
import { formatWhen } from './format';

function runLabel(run: LoadRunSummary): string {
  return `${formatWhen(Date.parse(run.date))} · ${run.method.slice(run.method.lastIndexOf('.') + 1)}`;
}

/**
 * Two kept runs side by side: the older is the base, and each measure of the newer says whether
 * it did better or worse, in words and an arrow as well as in colour.
 */
export function CompareView({ root, base, other }: { root: string | null; base: string; other: string }) {
  // Keyed by the pair it is for: another pair shows "Comparing…" until its own answer comes.
  const pair = `${base} ${other}`;
  const [read, setRead] = useState<{ pair: string; comparison?: LoadComparison; error?: ErrorData }>();
  useEffect(() => {
    let live = true;
    api()
      .request('load.compare', { root, base, other })
      .then(
        (comparison) => live && setRead({ pair: `${base} ${other}`, comparison }),
        (error: unknown) => live && setRead({ pair: `${base} ${other}`, error: toErrorData(error) }),
      );
    return () => {
      live = false;
    };
  }, [root, base, other]);
  const state: { comparison?: LoadComparison; error?: ErrorData } = read?.pair === pair ? read : {};
  if (state.error) return <ErrorBox title="The runs could not be compared" error={state.error} />;
  if (!state.comparison) return <p className="hint">Comparing…</p>;
  const { comparison } = state;
  return (
    <section className="load-compare" aria-label="Two runs compared">
      {comparison.caveats.length > 0 && (
        <ul className="load-caveats" aria-label="Why the runs may not be comparable">
          {comparison.caveats.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      <div className="load-table-scroll">
        <table aria-label="Run comparison">
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">Base: {runLabel(comparison.base)}</th>
              <th scope="col">Other: {runLabel(comparison.other)}</th>
              <th scope="col">Change</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {comparedRows(comparison).map((row) => (
              <tr key={row.metric} className={`verdict-${row.verdict}`}>
                <th scope="row">{row.label}</th>
                <td>{row.base}</td>
                <td>{row.other}</td>
                <td>{row.change}</td>
                <td className="verdict">{row.verdictText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
