import { useState } from 'react';
import { toErrorData, type ErrorData } from '../../../../shared/model/errors';
import type { LoadRunSummary } from '../../../../shared/model/load';
import { api } from '../../api';
import { useAppStore } from '../../state';
import { ErrorBox } from '../../ui/ErrorBox';
import { CompareView } from './CompareView';
import { formatCount, formatMs, formatRate, formatWhen } from './format';
import { KeptRun } from './KeptRun';
import { saveReportHtml, saveReportJson } from './run-files';
import { isOfRequest, useKeptRuns } from './use-kept-runs';

/**
 * The kept runs of this request or of the whole workspace: open one, save its report, delete it,
 * or tick two and compare them (the older is the base).
 */
export function KeptRuns({ request }: { request: { method?: string; requestPath?: string } }) {
  const { root, kept } = useKeptRuns();
  const keptRunsChanged = useAppStore((s) => s.keptRunsChanged);
  const [scope, setScope] = useState<'request' | 'all'>('request');
  const [picked, setPicked] = useState<string[]>([]);
  const [open, setOpen] = useState<string | undefined>();
  const [comparing, setComparing] = useState<[string, string] | undefined>();
  const [problem, setProblem] = useState<ErrorData | undefined>();

  if (kept.status === 'loading') return <p className="hint">Reading the kept runs…</p>;
  if (kept.status === 'error') return <ErrorBox title="The kept runs could not be read" error={kept.error} />;
  const runs = scope === 'all' ? kept.runs : kept.runs.filter((run) => isOfRequest(run, request));
  const withThresholds = runs.some((run) => run.passed !== undefined);
  const act = (work: () => Promise<void>): void => {
    setProblem(undefined);
    work().catch((error: unknown) => setProblem(toErrorData(error)));
  };
  const toggle = (runId: string, on: boolean): void =>
    setPicked((current) =>
      on ? [...current.filter((id) => id !== runId), runId].slice(-2) : current.filter((id) => id !== runId),
    );
  const compare = (): void => {
    // Oldest first: the list is newest first, so the later index is the base.
    const [a, b] = picked.map((id) => kept.runs.findIndex((r) => r.runId === id)).sort((x, y) => y - x);
    if (a === undefined || b === undefined) return;
    setOpen(undefined);
    setComparing([kept.runs[a]!.runId, kept.runs[b]!.runId]);
  };
  const remove = (run: LoadRunSummary): void =>
    act(async () => {
      await api().request('load.deleteRun', { root, runId: run.runId });
      setPicked((current) => current.filter((id) => id !== run.runId));
      if (open === run.runId) setOpen(undefined);
      if (comparing?.includes(run.runId)) setComparing(undefined);
      keptRunsChanged();
    });

  return (
    <section className="load-runs" aria-label="Kept runs">
      <div className="toolbar">
        <div role="radiogroup" aria-label="Which runs" className="load-scope">
          {(['request', 'all'] as const).map((s) => (
            <label key={s} className="checkbox">
              <input type="radio" name="load-scope" checked={scope === s} onChange={() => setScope(s)} />
              {s === 'request' ? 'This request' : root ? 'The whole workspace' : 'All runs without a workspace'}
            </label>
          ))}
        </div>
        <span className="spacer" />
        <button type="button" disabled={picked.length !== 2} onClick={compare} title="Tick two runs to compare them">
          Compare {picked.length === 2 ? 'the two' : `(${picked.length} of 2 ticked)`}
        </button>
      </div>
      {problem && <ErrorBox error={problem} />}
      {runs.length === 0 ? (
        <p className="hint">
          No kept runs {scope === 'request' ? 'of this request ' : ''}yet: start one from the plan.
        </p>
      ) : (
        <div className="load-table-scroll">
          <table className="load-runs-table" aria-label="Runs">
            <thead>
              <tr>
                <th scope="col" title="Tick two to compare them">
                  Pick
                </th>
                <th scope="col">When</th>
                {scope === 'all' && <th scope="col">Method</th>}
                <th scope="col">Calls</th>
                <th scope="col">Calls/s</th>
                <th scope="col">p99</th>
                <th scope="col">Errors</th>
                {withThresholds && <th scope="col">Thresholds</th>}
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => {
                const when = formatWhen(Date.parse(run.date));
                return (
                  <tr key={run.runId} className={open === run.runId ? 'selected' : undefined}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Compare the run of ${when}`}
                        checked={picked.includes(run.runId)}
                        onChange={(e) => toggle(run.runId, e.target.checked)}
                      />
                    </td>
                    <td>{when}</td>
                    {scope === 'all' && <td title={run.method}>{run.method.slice(run.method.lastIndexOf('.') + 1)}</td>}
                    <td>{formatCount(run.count)}</td>
                    <td>{formatRate(run.rps)}</td>
                    <td>{formatMs(run.latency.p99)}</td>
                    <td className={run.errorRate > 0 ? 'problem' : undefined}>{+(run.errorRate * 100).toFixed(2)}%</td>
                    {withThresholds && <td>{run.passed === undefined ? '—' : run.passed ? '✓ passed' : '✗ failed'}</td>}
                    <td className="load-run-actions">
                      <button
                        type="button"
                        aria-label={`Open the run of ${when}`}
                        onClick={() => {
                          setComparing(undefined);
                          setOpen(open === run.runId ? undefined : run.runId);
                        }}
                      >
                        {open === run.runId ? 'Close' : 'Open'}
                      </button>
                      <button
                        type="button"
                        aria-label={`Save the HTML report of the run of ${when}`}
                        onClick={() => act(() => saveReportHtml(root, run.runId, run.method, run.date))}
                      >
                        HTML
                      </button>
                      <button
                        type="button"
                        aria-label={`Save the JSON report of the run of ${when}`}
                        onClick={() => act(() => saveReportJson(root, run.runId))}
                      >
                        JSON
                      </button>
                      <button
                        type="button"
                        className="danger"
                        aria-label={`Delete the run of ${when}`}
                        onClick={() => remove(run)}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {comparing && <CompareView root={root} base={comparing[0]} other={comparing[1]} />}
      {open && <KeptRun root={root} runId={open} />}
    </section>
  );
}
