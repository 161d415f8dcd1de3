import { DRIFT_CATEGORIES, DEFAULT_DRIFT_CATEGORY, type DriftCategory } from '../../../shared/model/drift';
import { ChannelPool, toGrpcMetadata } from '../../core/calls';
import { loadDriftSide } from '../../core/handlers/drift-sides';
import { compareSchemas } from '../../core/schema/drift';
import { defaultSnapshotName, writeSnapshot } from '../../core/schema/drift/snapshot';
import { jsonReport, junitReport, summaryLine, textReport } from '../drift-reporters';
import { parseSource, type SourceFlags } from '../drift-sources';
import { parseHeaders } from '../../../shared/workspace/connection-flags';
import { parseMaxTime, usage } from '../options';
import type { CliIo } from '../session';

/** `loupe drift` exit codes: 0 nothing breaking, DRIFT_BREAKING when something breaks; errors are 1 as for every command. */
export const DRIFT_BREAKING = 2;

export interface DriftFlags extends SourceFlags {
  category?: string;
  reporter?: string;
}

export interface SnapshotFlags extends SourceFlags {
  output: string;
  name?: string;
}

const REPORTERS = { text: textReport, json: jsonReport, junit: junitReport } as const;

function parseCategory(value: string | undefined): DriftCategory {
  if (value === undefined) return DEFAULT_DRIFT_CATEGORY;
  const upper = value.toUpperCase();
  const found = DRIFT_CATEGORIES.find((c) => c === upper);
  if (!found) throw usage(`--category must be one of ${DRIFT_CATEGORIES.join(', ')}, got '${value}'`);
  return found;
}

/** Loads both sides, one after the other (each may be a server with its own failure to report). */
async function withSides<T>(
  specs: string[],
  flags: SourceFlags,
  io: CliIo,
  use: (sides: Awaited<ReturnType<typeof loadDriftSide>>[]) => T | Promise<T>,
): Promise<T> {
  const pool = new ChannelPool();
  try {
    const metadata = toGrpcMetadata(parseHeaders(flags.header));
    const deadlineMs = parseMaxTime({ ...flags, proto: [], protoset: [] });
    const sources = [];
    for (const spec of specs) sources.push(await parseSource(spec, flags));
    const sides = [];
    for (const source of sources) {
      const side = await loadDriftSide(source, pool, { metadata, deadlineMs, baseDir: process.cwd() });
      for (const warning of side.schema.warnings) io.stderr.write(`loupe: warning: ${side.label}: ${warning}\n`);
      sides.push(side);
    }
    return await use(sides);
  } finally {
    pool.dispose();
  }
}

/** `loupe drift <base> <other>`: what changed from base to other, one finding a line; exit 2 when something breaks. */
export async function runDrift(base: string, other: string, flags: DriftFlags, io: CliIo): Promise<number> {
  const category = parseCategory(flags.category);
  const reporterName = flags.reporter ?? 'text';
  if (!(reporterName in REPORTERS))
    throw usage(`--reporter must be one of ${Object.keys(REPORTERS).join(', ')}, got '${reporterName}'`);
  const reporter = REPORTERS[reporterName as keyof typeof REPORTERS];
  return withSides([base, other], flags, io, ([a, b]) => {
    const report = compareSchemas(a!, b!, { category });
    io.stdout.write(reporter(report));
    for (const note of report.notes) io.stderr.write(`loupe: note: ${note}\n`);
    io.stderr.write(`loupe: ${summaryLine(report)}\n`);
    return report.breaking > 0 ? DRIFT_BREAKING : 0;
  });
}

/** `loupe snapshot <source> -o FILE`: FILE (a FileDescriptorSet) and FILE.txt (its readable form). */
export async function runSnapshot(source: string, flags: SnapshotFlags, io: CliIo): Promise<number> {
  return withSides([source], flags, io, async ([side]) => {
    const schema = side!.schema;
    const name = flags.name ?? defaultSnapshotName(flags.output);
    const written = await writeSnapshot(flags.output, schema, {
      name,
      takenAt: new Date().toISOString(),
      source: side!.label,
    });
    const services = schema.services().length;
    io.stdout.write(
      `wrote ${written.binary} and ${written.text}: ${schema.files.length} files, ${services} service${services === 1 ? '' : 's'}, from ${side!.label}\n`,
    );
    return 0;
  });
}
