import { z } from 'zod';
import { MetadataEntrySchema } from './call';

/**
 * A load test: what to call, how hard and for how long. One plan drives the engine's generator
 * (window and `loupe load`) and the k6 export. Field names follow ghz where it has one.
 *
 * Per-call data goes into the body and metadata values as `{{$name}}` placeholders, which the
 * environment's `{{variables}}` leave alone: `{{$seq}}` (the call's number from 0), `{{$uuid}}`,
 * `{{$randomInt}}` (0..2^31-1), `{{$timestamp}}` (ms since the epoch), and with a data file
 * `{{$row.column}}` (a CSV column, or an NDJSON row's top-level field).
 */

/** A rate schedule, as ghz's --load-schedule. Rates are calls per second. */
export const LoadScheduleSchema = z.discriminatedUnion('kind', [
  /** The same rate throughout (ghz --rps). */
  z.object({ kind: z.literal('const'), rps: z.number().positive().max(1_000_000) }),
  /** From `start`, add `step` (negative to go down) every `stepDurationMs` until `end`, then hold. */
  z.object({
    kind: z.literal('step'),
    start: z.number().nonnegative().max(1_000_000),
    step: z.number().min(-1_000_000).max(1_000_000),
    stepDurationMs: z.number().int().positive(),
    end: z.number().nonnegative().max(1_000_000).optional(),
    /** Stop changing after this long and hold the rate reached. */
    maxDurationMs: z.number().int().positive().optional(),
  }),
  /** From `start`, change by `step` calls/s every second (a linear ramp) until `end`, then hold. */
  z.object({
    kind: z.literal('line'),
    start: z.number().nonnegative().max(1_000_000),
    step: z.number().min(-1_000_000).max(1_000_000),
    end: z.number().nonnegative().max(1_000_000).optional(),
    maxDurationMs: z.number().int().positive().optional(),
  }),
]);
export type LoadSchedule = z.infer<typeof LoadScheduleSchema>;

/** What each call sends: a saved request of the workspace, or a method with its body. */
export const LoadRequestSchema = z.union([
  z.object({
    /** A saved request's path relative to the workspace (environment.root), as `loupe run` names it. */
    requestPath: z.string().min(1).max(4096),
  }),
  z.object({
    /** pkg.Service/Method. */
    method: z.string().min(3).max(512),
    /**
     * The request as JSON text with placeholders. For client and bidi streams a JSON array is
     * the messages of each stream in order; an object is one message, sent `stream.messages` times.
     */
    body: z
      .string()
      .max(16 * 1024 * 1024)
      .default('{}'),
    metadata: z.array(MetadataEntrySchema).max(1000).default([]),
  }),
]);
export type LoadRequest = z.infer<typeof LoadRequestSchema>;

export const LoadDataFileSchema = z.object({
  /** A .csv (first line names the columns) or .ndjson/.jsonl file; relative to the workspace. */
  path: z.string().min(1).max(4096),
  /** Rows in file order, wrapping around (the default), or a random row per call. */
  pick: z.enum(['sequence', 'random']).default('sequence'),
});

export const LoadPlanSchema = z
  .object({
    request: LoadRequestSchema,
    /** Stop after this many calls (ghz -n); 200 when neither calls nor durationMs is set. */
    calls: z.number().int().positive().max(1_000_000_000).optional(),
    /** Stop after this long (ghz -z); with `calls` too, whichever comes first. */
    durationMs: z.number().int().positive().max(86_400_000).optional(),
    /** Calls in flight at once (ghz -c). */
    concurrency: z.number().int().positive().max(10_000).default(50),
    /** Connections (channels), spread across the workers (ghz --connections). */
    connections: z.number().int().positive().max(1000).default(1),
    /** A rate limit and how it changes; absent: as fast as the concurrency allows. */
    schedule: LoadScheduleSchema.optional(),
    /** Streams: messages per stream (ghz --stream-call-count) and the pause between them. */
    stream: z
      .object({
        messages: z.number().int().positive().max(1_000_000).optional(),
        intervalMs: z.number().int().nonnegative().max(3_600_000).default(0),
      })
      .default({ intervalMs: 0 }),
    /** Calls (or time) at the start left out of the results, e.g. while connections and caches warm up. */
    warmup: z
      .union([
        z.object({ calls: z.number().int().positive().max(1_000_000_000) }),
        z.object({ durationMs: z.number().int().positive().max(3_600_000) }),
      ])
      .optional(),
    /** Per-call values from a file, as `{{$row.column}}`. */
    data: LoadDataFileSchema.optional(),
    /** Each call's deadline (ghz --timeout); 20 s by default, as ghz. */
    deadlineMs: z.number().int().positive().max(86_400_000).default(20_000),
    /** Pass/fail gates, e.g. `p99<200ms`, `errors<1%`, `rps>100` (see parseThreshold). */
    thresholds: z.array(z.string().min(1).max(200)).max(50).default([]),
  })
  .refine((plan) => plan.connections <= plan.concurrency, {
    message: 'connections cannot exceed concurrency: each connection needs at least one worker',
    path: ['connections'],
  });
export type LoadPlan = z.output<typeof LoadPlanSchema>;
export type LoadPlanInput = z.input<typeof LoadPlanSchema>;

/** How a run ended: all calls done, the duration reached, stopped by the user, or failed to run (ghz's names). */
export const LOAD_END_REASONS = ['normal', 'timeout', 'cancel', 'error'] as const;
export type LoadEndReason = (typeof LOAD_END_REASONS)[number];

/** Latency percentiles in milliseconds. */
export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

/** One bar of a latency histogram: calls that took up to `mark` seconds (ghz's shape). */
export interface HistogramBucket {
  mark: number;
  count: number;
  frequency: number;
}

/** One point of the charts over time (a progress window). */
export interface LoadTimePoint {
  /** Milliseconds since measuring began. */
  t: number;
  /** Calls ended per second: over the point's span in a report's series; live, over the last second's windows. */
  rps: number;
  /** The schedule's rate at `t`, when there is one. */
  targetRps?: number;
  /** Latencies of the calls that ended in this window, in ms. */
  p50: number;
  p90: number;
  p99: number;
  /** Calls that ended with a status other than OK in this window. */
  errors: number;
}

/** The first call that failed in a given way, and how many failed that way since. */
export interface LoadErrorSample {
  /** Status code name (UNAVAILABLE...). */
  code: string;
  message: string;
  count: number;
}

/** A snapshot of a running load test, about four times a second. */
export interface LoadProgress {
  type: 'progress';
  runId: string;
  phase: 'warmup' | 'measuring';
  /** Milliseconds since the run started (warm-up included). */
  elapsedMs: number;
  /** Calls ended while measuring (warm-up calls are not counted). */
  calls: number;
  /** The planned number of calls, or the planned duration, to draw progress against. */
  plannedCalls?: number;
  plannedDurationMs?: number;
  /** Calls ended per second over the last second's windows (one alone may hold no worker's tick). */
  rps: number;
  latency: LatencySummary;
  histogram: HistogramBucket[];
  /** Calls per status code name, e.g. { OK: 990, UNAVAILABLE: 10 }. */
  statusCodes: Record<string, number>;
  firstErrors: LoadErrorSample[];
  point: LoadTimePoint;
}

/** A kept run, as the runs list shows it. */
export interface LoadRunSummary {
  runId: string;
  /** ISO time the run started. */
  date: string;
  method: string;
  address: string;
  requestPath?: string;
  endReason: LoadEndReason;
  count: number;
  rps: number;
  latency: LatencySummary;
  errorRate: number;
  /** All thresholds met; absent when the run had none. */
  passed?: boolean;
}

/** One measure of two runs side by side. */
export interface LoadMetricChange {
  metric: 'rps' | 'p50' | 'p90' | 'p99' | 'p999' | 'max' | 'mean' | 'errorRate' | 'count';
  base: number;
  other: number;
  /** (other - base) / base; absent when base is 0. */
  change?: number;
  /** Whether `other` is better, worse or the same as `base` (within 1%). */
  verdict: 'better' | 'worse' | 'same';
}

export interface LoadComparison {
  base: LoadRunSummary;
  other: LoadRunSummary;
  metrics: LoadMetricChange[];
  /** Why the two may not be comparable (another method, address, concurrency or schedule). */
  caveats: string[];
}

/** A file the k6 export writes (the script, the schema it loads, its data rows), relative to its folder. */
export interface ExportedFile {
  path: string;
  content: string;
  /** How `content` is written: text, or base64 of binary (the schema as a protoset). */
  encoding: 'utf8' | 'base64';
}
