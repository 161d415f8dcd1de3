import type { RunFigures } from './figures';
import { RunCharts } from './RunCharts';
import { RunSummary } from './RunSummary';
import { StatusTable } from './StatusTable';

/** Everything measured of one run, live or kept: totals, percentiles, charts, statuses. */
export function RunFiguresView({ figures }: { figures: RunFigures }) {
  return (
    <>
      <RunSummary figures={figures} />
      <RunCharts figures={figures} />
      <StatusTable statuses={figures.statuses} calls={figures.calls} />
    </>
  );
}
