import { AppError } from './errors';

/**
 * Pass/fail gates of a load test, e.g. `p99<200ms`, `mean<=50ms`, `errors<1%`, `rps>=100`.
 * Parsed here so the window can check what the user types and the engine and the k6 export read
 * the same thing.
 */
export const THRESHOLD_METRICS = ['p50', 'p90', 'p95', 'p99', 'p99.9', 'max', 'mean', 'errors', 'rps'] as const;
export type ThresholdMetric = (typeof THRESHOLD_METRICS)[number];
export type ThresholdOp = '<' | '<=' | '>' | '>=';

export interface Threshold {
  expression: string;
  metric: ThresholdMetric;
  op: ThresholdOp;
  /** Milliseconds for latencies, a percentage for errors, calls per second for rps. */
  value: number;
}

const SHAPE =
  /^\s*(p50|p90|p95|p99\.9|p99|max|mean|avg|errors|rps)\s*(<=|>=|<|>)\s*([0-9]+(?:\.[0-9]+)?)\s*(ms|s|us|\u00b5s|%|\/s)?\s*$/;
const TO_MS: Record<string, number> = { ms: 1, s: 1000, us: 0.001, µs: 0.001 };

export function parseThreshold(expression: string): Threshold {
  const match = SHAPE.exec(expression);
  const help =
    "write it as <metric><op><value>: a latency (p50, p90, p95, p99, p99.9, max, mean) with ms, s or us, errors with %, or rps, e.g. 'p99<200ms', 'errors<1%', 'rps>=100'";
  if (!match) throw new AppError('VALIDATION', `Threshold '${expression}' is not understood: ${help}`);
  const [, name, op, number, unit] = match as unknown as [string, string, ThresholdOp, string, string | undefined];
  const metric = (name === 'avg' ? 'mean' : name) as ThresholdMetric;
  let value = Number(number);
  if (metric === 'errors') {
    if (unit !== '%')
      throw new AppError('VALIDATION', `Threshold '${expression}': errors are a percentage, e.g. 'errors<1%'`);
  } else if (metric === 'rps') {
    if (unit !== undefined && unit !== '/s')
      throw new AppError('VALIDATION', `Threshold '${expression}': rps is calls per second, e.g. 'rps>=100'`);
  } else {
    if (unit === undefined || !(unit in TO_MS))
      throw new AppError(
        'VALIDATION',
        `Threshold '${expression}': give the latency a unit (ms, s or us), e.g. '${metric}<200ms'`,
      );
    value *= TO_MS[unit]!;
  }
  return { expression: expression.trim(), metric, op, value };
}

export function thresholdMet(threshold: Threshold, actual: number): boolean {
  switch (threshold.op) {
    case '<':
      return actual < threshold.value;
    case '<=':
      return actual <= threshold.value;
    case '>':
      return actual > threshold.value;
    case '>=':
      return actual >= threshold.value;
  }
}
