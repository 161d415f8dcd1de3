import type { LatencySummary, LoadErrorSample, LoadProgress, LoadTimePoint } from '../../../../shared/model/load';
import type { LoadReport } from '../../../../shared/model/load-report';
import type { HistogramBin } from './Histogram';
import type { TimePoint } from './TimeChart';

/** The percentiles shown everywhere a run is: live, in a kept run and side by side. */
export const PERCENTILES = ['p50', 'p90', 'p99', 'p999', 'max'] as const satisfies ReadonlyArray<keyof LatencySummary>;
export const PERCENTILE_LABELS: Record<keyof LatencySummary, string> = {
  p50: 'p50',
  p90: 'p90',
  p99: 'p99',
  p999: 'p99.9',
  max: 'max',
  mean: 'mean',
};

/** Calls that ended with one status, and the first messages of that kind the engine kept. */
export interface StatusCount {
  /** OK, UNAVAILABLE, DEADLINE_EXCEEDED... */
  name: string;
  count: number;
  firstErrors: string[];
}

/** What the window draws of a run, live or finished: the engine's snapshot or report, adapted once. */
export interface RunFigures {
  elapsedMs: number;
  calls: number;
  errors: number;
  /** Calls per second: over the last window while live, over the whole run in a report. */
  rps: number;
  latencyMs: LatencySummary;
  bins: HistogramBin[];
  statuses: StatusCount[];
  rpsOverTime: TimePoint[];
  p99OverTime: TimePoint[];
}

/** Bars from ghz-shaped buckets, whose marks are upper bounds in seconds. */
function binsOf(histogram: ReadonlyArray<{ mark: number; count: number }>): HistogramBin[] {
  return histogram.map((bucket, i) => ({
    fromMs: i === 0 ? 0 : histogram[i - 1]!.mark * 1000,
    toMs: bucket.mark * 1000,
    count: bucket.count,
  }));
}

/** OK first, then the failures, most frequent first, each with its first messages. */
function statusesOf(codes: Record<string, number>, firstErrors: readonly LoadErrorSample[]): StatusCount[] {
  return Object.entries(codes)
    .map(([name, count]) => ({
      name,
      count,
      firstErrors: firstErrors.filter((e) => e.code === name).map((e) => e.message),
    }))
    .sort((a, b) => (a.name === 'OK' ? -1 : b.name === 'OK' ? 1 : b.count - a.count));
}

function series(points: readonly LoadTimePoint[]): Pick<RunFigures, 'rpsOverTime' | 'p99OverTime'> {
  return {
    rpsOverTime: points.map((p) => ({ t: p.t, value: p.rps })),
    p99OverTime: points.map((p) => ({ t: p.t, value: p.p99 })),
  };
}

export function figuresOfProgress(progress: LoadProgress, points: readonly LoadTimePoint[]): RunFigures {
  return {
    elapsedMs: progress.elapsedMs,
    calls: progress.calls,
    errors: progress.calls - (progress.statusCodes.OK ?? 0),
    rps: progress.rps,
    latencyMs: progress.latency,
    bins: binsOf(progress.histogram),
    statuses: statusesOf(progress.statusCodes, progress.firstErrors),
    ...series(points),
  };
}

export function figuresOfReport(report: LoadReport): RunFigures {
  return {
    // ghz's total is in nanoseconds.
    elapsedMs: report.total / 1e6,
    calls: report.count,
    errors: report.count - (report.statusCodeDistribution.OK ?? 0),
    rps: report.rps,
    latencyMs: report.latency,
    bins: binsOf(report.histogram),
    statuses: statusesOf(report.statusCodeDistribution, report.firstErrors),
    ...series(report.timeSeries),
  };
}
