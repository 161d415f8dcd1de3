import type { LoadPlan } from '../../../shared/model/load';
import { parseThreshold, type Threshold } from '../../../shared/model/load-thresholds';
import { DEFAULT_CALLS } from './load-run';
import { rateAt } from './schedule';

/** k6's scenarios and thresholds for a plan (https://grafana.com/docs/k6/latest/using-k6/scenarios/). */
type Scenario = Record<string, unknown>;

const seconds = (ms: number) => `${Math.max(1, Math.ceil(ms / 1000))}s`;
/** The longest a schedule is followed to find how long `calls` take at its rate. */
const MAX_SIMULATED_MS = 24 * 3_600_000;

/** How long a rate schedule takes to send `calls`, stepping through it 10 ms at a time. */
function durationForCalls(plan: LoadPlan, calls: number): number {
  let sent = 0;
  let t = 0;
  for (; sent < calls && t < MAX_SIMULATED_MS; t += 10) sent += (rateAt(plan.schedule!, t) * 10) / 1000;
  return t;
}

export function k6Scenarios(plan: LoadPlan): Record<string, Scenario> {
  const vus = plan.concurrency;
  const scenarios: Record<string, Scenario> = {};
  let startMs = 0;
  if (plan.warmup) {
    scenarios.warmup =
      'calls' in plan.warmup
        ? { executor: 'shared-iterations', vus, iterations: plan.warmup.calls, maxDuration: '10m' }
        : { executor: 'constant-vus', vus, duration: seconds(plan.warmup.durationMs) };
    // k6 cannot start a scenario when another ends; a count-based warm-up is given its bound.
    startMs = 'calls' in plan.warmup ? 600_000 : plan.warmup.durationMs;
  }
  const startTime = startMs ? { startTime: seconds(startMs) } : {};
  const calls = plan.calls ?? (plan.durationMs === undefined ? DEFAULT_CALLS : undefined);
  const s = plan.schedule;
  if (!s) {
    scenarios.load =
      calls !== undefined && plan.durationMs === undefined
        ? { executor: 'shared-iterations', vus, iterations: calls, maxDuration: '1h', ...startTime }
        : { executor: 'constant-vus', vus, duration: seconds(plan.durationMs!), ...startTime };
    return scenarios;
  }
  const durationMs = plan.durationMs ?? durationForCalls(plan, calls!);
  const arrival = { timeUnit: '1s', preAllocatedVUs: vus, maxVUs: vus, ...startTime };
  if (s.kind === 'const') {
    scenarios.load = { executor: 'constant-arrival-rate', rate: s.rps, duration: seconds(durationMs), ...arrival };
    return scenarios;
  }
  // k6 ramps linearly within a stage: a step is a jump (a stage of 0 s) and a hold.
  const stages: Array<{ target: number; duration: string }> = [];
  if (s.kind === 'step') {
    for (let t = 0; t < durationMs; t += s.stepDurationMs) {
      const rate = Math.round(rateAt(s, t));
      stages.push(
        { target: rate, duration: '0s' },
        { target: rate, duration: seconds(Math.min(s.stepDurationMs, durationMs - t)) },
      );
    }
  } else {
    const rampMs = Math.min(
      durationMs,
      s.maxDurationMs ?? Infinity,
      s.end !== undefined && s.step !== 0 ? (Math.abs(s.end - s.start) / Math.abs(s.step)) * 1000 : Infinity,
    );
    stages.push({ target: Math.round(rateAt(s, rampMs)), duration: seconds(rampMs) });
    if (durationMs > rampMs)
      stages.push({ target: Math.round(rateAt(s, rampMs)), duration: seconds(durationMs - rampMs) });
  }
  scenarios.load = { executor: 'ramping-arrival-rate', startRate: s.start, stages, ...arrival };
  return scenarios;
}

/** k6's form of a latency threshold's aggregation. */
const AGGREGATE: Record<string, string> = {
  p50: 'p(50)',
  p90: 'p(90)',
  p95: 'p(95)',
  p99: 'p(99)',
  'p99.9': 'p(99.9)',
  max: 'max',
  mean: 'avg',
};
const FLIP: Record<Threshold['op'], Threshold['op']> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/**
 * Thresholds on the measured scenario only (warm-up apart): latencies on `durationMetric` (ms, as
 * Loupe's: grpc_req_duration for unary calls, the script's own Trend for streams), errors as the
 * rate of passed checks ("status is OK"), rps as iterations (one call each) per second.
 */
export function k6Thresholds(plan: LoadPlan, durationMetric: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (metric: string, rule: string) => (out[`${metric}{scenario:load}`] ??= []).push(rule);
  for (const expression of plan.thresholds) {
    const t = parseThreshold(expression);
    if (t.metric === 'errors') add('checks', `rate${FLIP[t.op]}${1 - t.value / 100}`);
    else if (t.metric === 'rps') add('iterations', `rate${t.op}${t.value}`);
    else add(durationMetric, `${AGGREGATE[t.metric]}${t.op}${t.value}`);
  }
  return out;
}
