import { cpus, hostname } from 'node:os';
import type { LoadEndReason } from '../../../shared/model/load';
import type { LoadReport, ThresholdResult } from '../../../shared/model/load-report';
import { parseThreshold, thresholdMet, type ThresholdMetric } from '../../../shared/model/load-thresholds';
import { APP_VERSION } from '../version';
import type { SecretMask } from '../workspace';
import { buckets, latencyDistribution, percentileMs, summarize } from './latency';
import type { PreparedLoad } from './prepare';
import type { RunState } from './run-state';
import { describeSchedule } from './schedule';

const CORRECTED =
  'A rate was set: each latency counts from the time its call was scheduled to be sent, not from when a free worker sent it, so a server that stalls is charged for the calls that waited behind it (coordinated omission is corrected).';
const UNCORRECTED =
  'No rate was set: each worker sends its next call when the last one ends, so latencies count from the actual send. A stalling server slows the senders down too, which hides how long callers would have waited (coordinated omission); set a rate to measure that.';

/** The report of a finished run, from what its workers measured. */
export function buildReport(
  prepared: PreparedLoad,
  state: RunState,
  run: { runId: string; endReason: LoadEndReason; workers: number; error?: string },
): LoadReport {
  const { plan, target, method } = prepared;
  const h = state.total;
  const count = state.ended;
  const totalMs = state.firstStart !== undefined && state.lastEnd !== undefined ? state.lastEnd - state.firstStart : 0;
  const latency = summarize(h);
  const failed = count - (state.statusCodes.OK ?? 0);
  const errorRate = count ? failed / count : 0;
  const rps = totalMs > 0 ? (count * 1000) / totalMs : 0;
  const ms = (value: number) => Math.round(value * 1e6);
  const report: Omit<LoadReport, 'thresholds'> = {
    name: prepared.requestPath ?? `${method.parent.typeName}/${method.name}`,
    endReason: run.endReason,
    date: new Date(state.firstStart ?? Date.now()).toISOString(),
    count,
    total: ms(totalMs),
    average: ms(latency.mean),
    fastest: count ? ms(h.minNonZeroValue / 1000) : 0,
    slowest: ms(latency.max),
    rps,
    latencyDistribution: latencyDistribution(h),
    histogram: buckets(h),
    statusCodeDistribution: { ...state.statusCodes },
    errorDistribution: { ...state.errors },
    runId: run.runId,
    method: `${method.parent.typeName}/${method.name}`,
    address: target.address,
    ...(prepared.requestPath ? { requestPath: prepared.requestPath } : {}),
    callKind: method.methodKind,
    protocol: target.protocol,
    plan,
    schedule: describeSchedule(plan),
    coordinatedOmission: plan.schedule ? { corrected: true, note: CORRECTED } : { corrected: false, note: UNCORRECTED },
    latency,
    errorRate,
    warmupCalls: state.warmupEnded,
    abandoned: state.abandoned,
    firstErrors: state.firstErrors,
    timeSeries: state.series,
    messages: { sent: state.sent, received: state.received },
    machine: {
      hostname: hostname(),
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loupe: APP_VERSION,
      workers: run.workers,
    },
    ...(run.error ? { error: run.error } : {}),
  };
  const measure = (metric: ThresholdMetric): number => {
    switch (metric) {
      case 'errors':
        return errorRate * 100;
      case 'rps':
        return rps;
      case 'mean':
        return latency.mean;
      case 'max':
        return latency.max;
      case 'p99.9':
        return latency.p999;
      default:
        return percentileMs(h, Number(metric.slice(1)));
    }
  };
  return { ...report, thresholds: evaluateThresholds(plan.thresholds, measure) };
}

export function evaluateThresholds(
  expressions: string[],
  measure: (metric: ThresholdMetric) => number,
): ThresholdResult[] {
  return expressions.map((expression) => {
    const threshold = parseThreshold(expression);
    const actual = measure(threshold.metric);
    return { expression: threshold.expression, actual, passed: thresholdMet(threshold, actual) };
  });
}

/**
 * The report with every secret value masked, the error texts that key errorDistribution (ghz's
 * shape) included: SecretMask.value leaves keys alone, as contract messages' keys are names.
 */
export function maskReport(mask: SecretMask, report: LoadReport): LoadReport {
  const masked = mask.value(report);
  const errorDistribution: Record<string, number> = {};
  for (const [text, count] of Object.entries(masked.errorDistribution)) {
    const key = mask.text(text);
    errorDistribution[key] = (errorDistribution[key] ?? 0) + count;
  }
  return { ...masked, errorDistribution };
}
