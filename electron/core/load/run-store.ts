import { createHash } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../../../shared/model/errors';
import type { LoadRunSummary } from '../../../shared/model/load';
import { LoadReportSchema, type LoadReport } from '../../../shared/model/load-report';
import { writeFileAtomic } from '../fs/atomic-write';
import { FILE_KINDS, readUserText, UserFileError } from '../fs/read-user-file';
import { SerialQueue } from '../fs/serial-queue';
import { summaryOf } from './run-summary';

export interface RunStoreLimits {
  /** Runs kept per workspace; the oldest go first. */
  maxRuns: number;
  /** Bytes of reports kept per workspace. */
  maxBytes: number;
}

export const DEFAULT_RUN_LIMITS: RunStoreLimits = { maxRuns: 100, maxBytes: 64 * 1024 * 1024 };
const RUN_ID = /^[\w-]{1,100}$/;

/**
 * Load test reports, one JSON file per run, in the app's data folder under `load-runs/`: one
 * folder per workspace (named from its path) and one for runs made without a workspace. Not in
 * the workspace itself: results belong to the machine that measured them, and a team's git
 * history has no use for a file per run (see ARCHITECTURE.md "Load tests").
 */
export class LoadRunStore {
  private readonly queue = new SerialQueue();

  constructor(
    readonly dataDir: string,
    private readonly limits: RunStoreLimits = DEFAULT_RUN_LIMITS,
  ) {}

  folder(root: string | null): string {
    if (root === null) return join(this.dataDir, 'load-runs', 'no-workspace');
    const name =
      basename(root)
        .replace(/[^\w.-]/g, '_')
        .slice(0, 40) || 'workspace';
    return join(this.dataDir, 'load-runs', `${name}-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`);
  }

  private file(root: string | null, runId: string): string {
    if (!RUN_ID.test(runId)) throw new AppError('VALIDATION', `'${runId}' is not a run id`);
    return join(this.folder(root), `${runId}.json`);
  }

  /** Keeps a report, then lets the oldest runs go beyond the limits. */
  save(root: string | null, report: LoadReport): Promise<void> {
    return this.queue.run(async () => {
      await writeFileAtomic(this.file(root, report.runId), JSON.stringify(report));
      await this.trim(root);
    });
  }

  async report(root: string | null, runId: string): Promise<LoadReport> {
    const path = this.file(root, runId);
    let text: string;
    try {
      text = await readUserText(path, FILE_KINDS.appData);
    } catch (err) {
      if (err instanceof UserFileError && err.reason === 'not-found')
        throw new AppError(
          'NOT_FOUND',
          `No load test run ${runId} is kept for this workspace (it may have been let go: ${this.limits.maxRuns} are kept)`,
        );
      throw err;
    }
    const parsed = LoadReportSchema.safeParse(safeJson(text));
    if (!parsed.success)
      throw new AppError(
        'VALIDATION',
        `${path} is not a load test report this version reads: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    return parsed.data;
  }

  /** Newest first; files that are not reports are passed over. */
  async list(root: string | null, limit = 100): Promise<LoadRunSummary[]> {
    const ids = (await this.runIds(root)).slice(0, limit);
    const summaries = await Promise.all(ids.map((id) => this.report(root, id).then(summaryOf, () => undefined)));
    return summaries.filter((s): s is LoadRunSummary => s !== undefined);
  }

  delete(root: string | null, runId: string): Promise<void> {
    return this.queue.run(() => rm(this.file(root, runId), { force: true }));
  }

  /** Run ids, newest first (ids start with their ISO time). */
  private async runIds(root: string | null): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.folder(root));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new AppError('UNAVAILABLE', `Cannot read the kept load test runs: ${(err as Error).message}`);
    }
    return names
      .filter((n) => n.endsWith('.json') && RUN_ID.test(n.slice(0, -5)))
      .map((n) => n.slice(0, -5))
      .sort()
      .reverse();
  }

  private async trim(root: string | null): Promise<void> {
    const ids = await this.runIds(root);
    let bytes = 0;
    for (const [i, id] of ids.entries()) {
      const path = this.file(root, id);
      const size = await stat(path).then(
        (s) => s.size,
        () => 0,
      );
      bytes += size;
      // The newest run is always kept, whatever its size.
      if (i > 0 && (i >= this.limits.maxRuns || bytes > this.limits.maxBytes)) await rm(path, { force: true });
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
