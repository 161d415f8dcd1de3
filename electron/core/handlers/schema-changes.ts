import type { SchemaSummary } from '../../../shared/model/schema';
import type { SchemaRegistry } from '../schema';
import { compareSchemas } from '../schema/drift';

/**
 * A refreshed schema's summary, with what changed since the schema it replaces when anything did:
 * every finding at the strictest category (FILE), so the window can say what moved and flag the
 * requests it affects. A schema equal to the one before adds nothing.
 */
export function withChanges(
  summary: SchemaSummary,
  before: SchemaRegistry | undefined,
  now: SchemaRegistry,
): SchemaSummary {
  if (!before || before === now) return summary;
  const report = compareSchemas(
    { label: 'before', schema: before },
    { label: 'now', schema: now },
    { category: 'FILE' },
  );
  return report.findings.length > 0 ? { ...summary, changes: report } : summary;
}
