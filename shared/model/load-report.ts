import { z } from 'zod';
import { LOAD_END_REASONS, LoadPlanSchema, type LoadProgress } from './load';

/**
 * A load test's report. The fields ghz writes keep ghz's names and units (durations in
 * nanoseconds, histogram marks in seconds), so tools that read ghz's JSON read these; Loupe's
 * own fields use milliseconds and say so. The schema checks reports read back from disk.
 */

const LatencySummarySchema = z.object({
  p50: z.number(),
  p90: z.number(),
  p99: z.number(),
  p999: z.number(),
  max: z.number(),
  mean: z.number(),
});

const ThresholdResultSchema = z.object({
  /** As written, e.g. `p99<200ms`. */
  expression: z.string(),
  /** The measured value, in the threshold's own unit (ms, %, calls/s). */
  actual: z.number(),
  passed: z.boolean(),
});
export type ThresholdResult = z.infer<typeof ThresholdResultSchema>;

const TimePointSchema = z.object({
  t: z.number(),
  rps: z.number(),
  targetRps: z.number().optional(),
  p50: z.number(),
  p90: z.number(),
  p99: z.number(),
  errors: z.number(),
});

export const LoadReportSchema = z.object({
  // ghz's fields
  name: z.string().optional(),
  endReason: z.enum(LOAD_END_REASONS),
  /** ISO time the measured part of the run started. */
  date: z.string(),
  /** Calls measured (warm-up excluded). */
  count: z.number().int().nonnegative(),
  /** Wall time of the measured part, ns. */
  total: z.number().nonnegative(),
  /** Mean latency, ns. */
  average: z.number().nonnegative(),
  fastest: z.number().nonnegative(),
  slowest: z.number().nonnegative(),
  /** Calls ended per second over the measured part. */
  rps: z.number().nonnegative(),
  /** Percentiles 10, 25, 50, 75, 90, 95, 99, 99.9; latency in ns. */
  latencyDistribution: z.array(z.object({ percentage: z.number(), latency: z.number() })),
  histogram: z.array(z.object({ mark: z.number(), count: z.number().int(), frequency: z.number() })),
  /** Calls per status code name. */
  statusCodeDistribution: z.record(z.string(), z.number().int()),
  /** Calls per error text ("CODE: message"). */
  errorDistribution: z.record(z.string(), z.number().int()),

  // Loupe's own
  runId: z.string(),
  method: z.string(),
  /** The address dialled. */
  address: z.string(),
  requestPath: z.string().optional(),
  callKind: z.enum(['unary', 'server_streaming', 'client_streaming', 'bidi_streaming']),
  protocol: z.string(),
  /** The plan as given (secrets were never in it: they come from the environment). */
  plan: LoadPlanSchema,
  /** The schedule in words, e.g. "constant 100 calls/s" or "as fast as 50 workers go". */
  schedule: z.string(),
  /**
   * With a rate set, latency is measured from each call's scheduled send time, so a server that
   * stalls is charged for the calls that queued behind it (coordinated omission); the note says which.
   */
  coordinatedOmission: z.object({ corrected: z.boolean(), note: z.string() }),
  latency: LatencySummarySchema,
  errorRate: z.number().min(0).max(1),
  warmupCalls: z.number().int().nonnegative(),
  /** Calls begun but not ended when the run stopped (cancelled), not counted. */
  abandoned: z.number().int().nonnegative(),
  /** The first failure of each kind. */
  firstErrors: z.array(z.object({ code: z.string(), message: z.string(), count: z.number().int() })),
  timeSeries: z.array(TimePointSchema),
  thresholds: z.array(ThresholdResultSchema),
  /** Stream calls: messages sent and received, over all measured calls. */
  messages: z.object({ sent: z.number().int(), received: z.number().int() }),
  /** Where the load came from: numbers differ between machines. */
  machine: z.object({
    hostname: z.string(),
    platform: z.string(),
    cpus: z.number().int(),
    cpuModel: z.string(),
    node: z.string(),
    loupe: z.string(),
    workers: z.number().int(),
  }),
  /** Why the run stopped early (endReason "error"). */
  error: z.string().optional(),
});
export type LoadReport = z.infer<typeof LoadReportSchema>;

/** load.start's events: progress while it runs, then the report (also after a stop). */
export type LoadEvent = LoadProgress | { type: 'report'; report: LoadReport };
