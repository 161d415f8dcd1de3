import type { LoadComparison, LoadMetricChange } from '../../../shared/model/load';
import type { LoadReport } from '../../../shared/model/load-report';
import { summaryOf } from './run-summary';

/** Within this share of each other, two numbers count as the same. */
const SAME = 0.01;

type Metric = LoadMetricChange['metric'];
/** Whether a larger number is better. */
const HIGHER_IS_BETTER: Record<Metric, boolean> = {
  rps: true,
  count: true,
  p50: false,
  p90: false,
  p99: false,
  p999: false,
  max: false,
  mean: false,
  errorRate: false,
};

/** Two runs side by side: each measure's change, and what makes them hard to compare. */
export function compareRuns(base: LoadReport, other: LoadReport): LoadComparison {
  const value = (r: LoadReport, metric: Metric): number =>
    metric === 'rps' ? r.rps : metric === 'count' ? r.count : metric === 'errorRate' ? r.errorRate : r.latency[metric];
  const metrics = (Object.keys(HIGHER_IS_BETTER) as Metric[]).map((metric): LoadMetricChange => {
    const a = value(base, metric);
    const b = value(other, metric);
    const change = a !== 0 ? (b - a) / a : undefined;
    const same = a === b || (change !== undefined && Math.abs(change) <= SAME);
    const better = HIGHER_IS_BETTER[metric] ? b > a : b < a;
    return {
      metric,
      base: a,
      other: b,
      ...(change !== undefined ? { change } : {}),
      verdict: same ? 'same' : better ? 'better' : 'worse',
    };
  });
  const caveats: string[] = [];
  const differ = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) caveats.push(`${what} differs: ${String(a)} vs ${String(b)}`);
  };
  differ('the method', base.method, other.method);
  differ('the address', base.address, other.address);
  differ('the concurrency', base.plan.concurrency, other.plan.concurrency);
  differ('the connections', base.plan.connections, other.plan.connections);
  differ('the schedule', base.schedule, other.schedule);
  differ(
    'the machine',
    `${base.machine.hostname} (${base.machine.cpus} CPUs)`,
    `${other.machine.hostname} (${other.machine.cpus} CPUs)`,
  );
  return { base: summaryOf(base), other: summaryOf(other), metrics, caveats };
}
