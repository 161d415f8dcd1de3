import { z } from 'zod';
import { TargetSettingsSchema } from './target';

/**
 * Contract drift: what changed between two schemas (a live server, .proto files, a protoset, a
 * snapshot) and whom each change breaks. Plain JSON, produced by the engine
 * (electron/core/schema/drift), read by the CLI (`loupe drift`) and the window.
 */

/**
 * How strict a comparison is, as Buf names its breaking-change categories, from the least strict:
 * WIRE (what running clients and servers mis-read or fail on), WIRE_JSON (also JSON clients),
 * PACKAGE (also code generated per package), FILE (also code generated per file).
 */
export const DRIFT_CATEGORIES = ['WIRE', 'WIRE_JSON', 'PACKAGE', 'FILE'] as const;
export type DriftCategory = (typeof DRIFT_CATEGORIES)[number];
export const DEFAULT_DRIFT_CATEGORY: DriftCategory = 'WIRE_JSON';

/** Who a change breaks, or that it breaks no one. */
export const DRIFT_KINDS = ['breaking-wire', 'breaking-json', 'breaking-source', 'hygiene', 'addition'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** Where a symbol is on one side: file:line when the side has source info, always the symbol. */
export interface DriftLocation {
  /** Fully-qualified symbol path, e.g. acme.v1.User.email or acme.v1.Users.GetUser. */
  symbol: string;
  file?: string;
  /** 1-based, when the side has source info (compiled .proto files, snapshots of them). */
  line?: number;
  column?: number;
}

export interface DriftFinding {
  kind: DriftKind;
  /** The least strict category that reports it: it is reported at this strictness and stricter ones. */
  category: DriftCategory;
  /** Buf's rule ID where the check is Buf's (FIELD_SAME_TYPE...), else Loupe's own (ENUM_VALUE_SAME_NUMBER...). */
  rule: string;
  /** The symbol the finding is about, as it was on the base side (on the other side for additions). */
  subject: string;
  /** Where it was; absent for additions. */
  base?: DriftLocation;
  /** Where it is now; absent for removals. */
  other?: DriftLocation;
  /** One sentence in plain words naming both sides, e.g. "field 3 of acme.v1.User was `string email`, is now `int64 email_id`: ...". */
  message: string;
}

export interface DriftReport {
  /** How each side was named, e.g. "reflection 127.0.0.1:50051", "snapshot prod (2025-06-01)". */
  base: string;
  other: string;
  category: DriftCategory;
  /** Findings in scope at `category`: breaking first, then hygiene, then additions. */
  findings: DriftFinding[];
  /** How many findings break someone at `category`; the CLI fails when this is not 0. */
  breaking: number;
  /** What could not be compared, and why (e.g. a Node server that does not serve json_name). */
  notes: string[];
}

const CATEGORY_RANK: Record<DriftCategory, number> = { WIRE: 0, WIRE_JSON: 1, PACKAGE: 2, FILE: 3 };

/** Whether a finding of `category` is reported when comparing at `strictness`. */
export function inCategory(category: DriftCategory, strictness: DriftCategory): boolean {
  return CATEGORY_RANK[category] <= CATEGORY_RANK[strictness];
}

export function isBreaking(kind: DriftKind): boolean {
  return kind === 'breaking-wire' || kind === 'breaking-json' || kind === 'breaking-source';
}

/** Breaking-wire first, additions last: the order findings are listed in. */
export function kindRank(kind: DriftKind): number {
  return DRIFT_KINDS.indexOf(kind);
}

/** "file:line:column" or "file" or the symbol: a location as one token, for lines of text. */
export function formatDriftLocation(loc: DriftLocation): string {
  if (!loc.file) return loc.symbol;
  return [loc.file, loc.line, loc.line !== undefined ? loc.column : undefined].filter((x) => x !== undefined).join(':');
}

/** What a snapshot says about itself (the header of the text beside it). */
export interface SnapshotInfo {
  name: string;
  /** ISO 8601. */
  takenAt: string;
  /** Where the schema came from, e.g. "reflection api.example.com:443". */
  source: string;
}

/** A snapshot file, as the Drift view lists and saves them. */
export interface SnapshotFile {
  /** The FileDescriptorSet; its readable text is `${path}.txt`. */
  path: string;
  /** Absent for a protoset without Loupe's text beside it. */
  info?: SnapshotInfo;
}

/**
 * One side of a comparison: a target's schema as the target names it (reflection, or its own
 * .proto files and protosets), .proto files, or a snapshot (any FileDescriptorSet file).
 */
export const DriftSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('target'), target: TargetSettingsSchema }),
  z.object({
    kind: z.literal('protos'),
    /** .proto files, or folders whose .proto files (all of them, at any depth) are compiled. */
    paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
    importPaths: z.array(z.string().min(1).max(4096)).max(1_000).default([]),
  }),
  z.object({ kind: z.literal('snapshot'), path: z.string().min(1).max(4096) }),
]);
export type DriftSource = z.infer<typeof DriftSourceSchema>;
