import { useEffect, useMemo, useState } from 'react';
import { toErrorData, type ErrorData } from '../../../../shared/model/errors';
import type { LoadReport } from '../../../../shared/model/load-report';
import { api } from '../../api';
import { ErrorBox } from '../../ui/ErrorBox';
import { ExportK6Button } from './ExportK6Button';
import { figuresOfReport } from './figures';
import { ReportNotes } from './ReportNotes';
import { RunFiguresView } from './RunFiguresView';

/** A kept run opened from the list: its report's figures and notes, and its plan to export to k6. */
export function KeptRun({ root, runId }: { root: string | null; runId: string }) {
  // Keyed by the run it is for: another run opened shows "Reading…" until its own report comes.
  const [read, setRead] = useState<{ runId: string; report?: LoadReport; error?: ErrorData }>();
  useEffect(() => {
    let live = true;
    api()
      .request('load.report', { root, runId })
      .then(
        (report) => live && setRead({ runId, report }),
        (error: unknown) => live && setRead({ runId, error: toErrorData(error) }),
      );
    return () => {
      live = false;
    };
  }, [root, runId]);
  const state: { report?: LoadReport; error?: ErrorData } = read?.runId === runId ? read : {};
  const figures = useMemo(() => (state.report ? figuresOfReport(state.report) : undefined), [state.report]);
  if (state.error) return <ErrorBox title="The run's report could not be read" error={state.error} />;
  if (!state.report || !figures) return <p className="hint">Reading the report…</p>;
  return (
    <section className="load-kept-run" aria-label="Kept run">
      <div className="toolbar">
        <span className="spacer" />
        <ExportK6Button plan={state.report.plan} />
      </div>
      <ReportNotes report={state.report} />
      <RunFiguresView figures={figures} />
    </section>
  );
}
