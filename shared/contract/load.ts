import { z } from 'zod';
import type { ExportedFile, LoadComparison, LoadRunSummary } from '../model/load';
import { LoadPlanSchema } from '../model/load';
import type { LoadEvent, LoadReport } from '../model/load-report';
import { TargetSettingsSchema } from '../model/target';
import { request, stream } from '../protocol/define';
import { EnvironmentSchema } from './environment';

/**
 * Load tests: spread into loupeContract (contract/index.ts) so there is still one contract.
 * Runs are kept per workspace (`root`; none: the runs made without a workspace), bounded in
 * count and size, the oldest let go first.
 */
const Workspace = { root: z.string().min(1).max(4096).nullable().default(null) };
const RunId = z.string().regex(/^[\w-]{1,100}$/, 'a run id as load.runs lists it');

export const loadContract = {
  /**
   * Run a load test: progress about four times a second (each carries the runId), then the
   * report, which is kept in the run history of the environment's workspace. load.stop ends the
   * run early and the report of what was measured still comes (endReason "cancel"); cancelling
   * the stream stops the run too, its report then only kept (load.runs lists it).
   */
  'load.start': stream<LoadEvent>()(
    z.object({
      target: TargetSettingsSchema,
      environment: EnvironmentSchema.optional(),
      plan: LoadPlanSchema,
    }),
  ),
  /** Stop a running load test of this window; its stream ends with the report. Stopping one already ended does nothing. */
  'load.stop': request<null>()(z.object({ runId: RunId })),
  /** The kept runs of a workspace, newest first. */
  'load.runs': request<LoadRunSummary[]>()(
    z.object({ ...Workspace, limit: z.number().int().positive().max(1000).default(100) }),
  ),
  /** One kept run's full report. */
  'load.report': request<LoadReport>()(z.object({ ...Workspace, runId: RunId })),
  /** Two kept runs side by side: each measure, its change and whether `other` did better than `base`. */
  'load.compare': request<LoadComparison>()(z.object({ ...Workspace, base: RunId, other: RunId })),
  /** A kept run's HTML page (self-contained: charts inline, nothing fetched), to show or save. */
  'load.html': request<string>()(z.object({ ...Workspace, runId: RunId })),
  /**
   * The plan as a k6 script (k6/net/grpc) with the proto files it loads, to run on k6's
   * distributed runners. Nothing is written: the window saves the files where the user says.
   */
  'load.exportK6': request<ExportedFile[]>()(
    z.object({
      target: TargetSettingsSchema,
      environment: EnvironmentSchema.optional(),
      plan: LoadPlanSchema,
    }),
  ),
  /** Forget a kept run. Deleting one already gone does nothing. */
  'load.deleteRun': request<null>()(z.object({ ...Workspace, runId: RunId })),
};
