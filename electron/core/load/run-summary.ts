import type { LatencySummary, LoadRunSummary } from '../../../shared/model/load';
import type { LoadReport } from '../../../shared/model/load-report';

// Apart from report.ts so the runs list (read at start-up by the engine) does not load the
// histogram library that building a report needs.

/** The line a runs list shows for a report. */
export function summaryOf(report: LoadReport): LoadRunSummary {
  const latency: LatencySummary = report.latency;
  return {
    runId: report.runId,
    date: report.date,
    method: report.method,
    address: report.address,
    ...(report.requestPath ? { requestPath: report.requestPath } : {}),
    endReason: report.endReason,
    count: report.count,
    rps: report.rps,
    latency,
    errorRate: report.errorRate,
    ...(report.thresholds.length ? { passed: report.thresholds.every((t) => t.passed) } : {}),
  };
}
