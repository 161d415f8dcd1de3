import { DEFAULT_DRIFT_CATEGORY, type DriftCategory, type DriftReport } from '../../../../shared/model/drift';
import type { SchemaRegistry } from '../registry';
import { makeContext } from './context';
import { compareEnums } from './enums';
import { compareFiles, detectPackageMoves, reportPackageMoves } from './files';
import { Findings } from './findings';
import { compareExtensions, compareMessages } from './messages';
import { compareServices } from './services';
import { reflectionOnOneSide, sideOf } from './side';

/** A schema to compare and how the report names it ("reflection localhost:50051", "snapshot prod"). */
export interface DriftInput {
  label: string;
  schema: SchemaRegistry;
}

export interface CompareOptions {
  /** How strict: which findings are reported and count as breaking. WIRE_JSON by default. */
  category?: DriftCategory;
}

/**
 * Compares two schemas symbol by symbol (by full name, not by file, so live servers, merged
 * reflection files and moved packages compare as well as files do) and says what changed and
 * whom it breaks. Comparing a schema with itself, or with the same files compiled again, finds
 * nothing: source info (comments, positions) is never compared.
 */
export function compareSchemas(base: DriftInput, other: DriftInput, opts: CompareOptions = {}): DriftReport {
  const category = opts.category ?? DEFAULT_DRIFT_CATEGORY;
  const skip = reflectionOnOneSide(base.schema, other.schema);
  const a = sideOf(base.label, base.schema, skip);
  const b = sideOf(other.label, other.schema, skip);
  const findings = new Findings();
  for (const side of [a, b]) {
    if (side.lossy.size === 0) continue;
    findings.note(
      `${side.label} was described by protobufjs (a Node server's reflection), which does not say which fields are required or track presence, their defaults or custom JSON names, may camel-case field names, and merges files per package: those, and files, were not compared.`,
    );
  }
  const moves = detectPackageMoves(a, b);
  const ctx = makeContext(a, b, findings, moves);
  reportPackageMoves(ctx, moves);
  compareServices(ctx);
  compareMessages(ctx);
  compareEnums(ctx);
  compareExtensions(ctx);
  compareFiles(ctx);
  const { findings: list, breaking } = findings.finish(category);
  return { base: a.label, other: b.label, category, findings: list, breaking, notes: findings.notes };
}
