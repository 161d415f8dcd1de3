import { useMemo } from 'react';
import type { LoadRunView } from '../../state';
import { ErrorBox } from '../../ui/ErrorBox';
import { figuresOfProgress, figuresOfReport } from './figures';
import { formatCount, formatDuration } from './format';
import { ReportNotes } from './ReportNotes';
import { RunFiguresView } from './RunFiguresView';

function progressText(run: LoadRunView): string {
  if (run.phase === 'starting') return 'Starting…';
  if (run.phase === 'stopping') return 'Stopping…';
  if (run.phase === 'failed') return 'Failed';
  if (run.phase === 'finished') return 'Finished';
  const p = run.progress;
  if (!p) return 'Running…';
  if (p.phase === 'warmup') return 'Warming up…';
  if (p.plannedCalls) return `Running: ${formatCount(p.calls)} of ${formatCount(p.plannedCalls)} calls`;
  if (p.plannedDurationMs) return `Running: ${formatDuration(p.elapsedMs)} of ${formatDuration(p.plannedDurationMs)}`;
  return 'Running…';
}

/** How far the run is, 0..1, when it has a planned end. */
function fraction(run: LoadRunView): number | undefined {
  const p = run.progress;
  if (!p || run.phase !== 'running') return undefined;
  if (p.plannedCalls) return Math.min(1, p.calls / p.plannedCalls);
  if (p.plannedDurationMs) return Math.min(1, p.elapsedMs / p.plannedDurationMs);
  return undefined;
}

/**
 * A tab's run as it goes: its state and progress, then the figures of the latest snapshot (four a
 * second at most: each is adapted once, and the charts redraw only when it changes), and once it
 * ended the report's own figures and notes.
 */
export function LiveRun({ run }: { run: LoadRunView }) {
  const figures = useMemo(
    () =>
      run.report ? figuresOfReport(run.report) : run.progress ? figuresOfProgress(run.progress, run.points) : undefined,
    [run.report, run.progress, run.points],
  );
  const done = fraction(run);
  return (
    <section className="load-live" aria-label="Load test run">
      <p className={`load-state ${run.phase}`} role="status" data-testid="load-state">
        {progressText(run)}
      </p>
      {done !== undefined && (
        <progress className="load-progress" max={1} value={done} aria-label="Progress of the run" />
      )}
      {run.error && <ErrorBox title="The load test did not run" error={run.error} />}
      {run.report && <ReportNotes report={run.report} />}
      {figures && <RunFiguresView figures={figures} />}
    </section>
  );
}
