import {
  DRIFT_KINDS,
  formatDriftLocation,
  type DriftFinding,
  type DriftKind,
  type DriftLocation,
} from '../../../../shared/model/drift';

/** Headings of the groups findings are listed in, in words a user reads at a glance. */
export const KIND_HEADINGS: Record<DriftKind, string> = {
  'breaking-wire': 'Breaking on the wire',
  'breaking-json': 'Breaking for JSON clients',
  'breaking-source': 'Breaking for generated code',
  hygiene: 'Evolution hygiene',
  addition: 'Compatible additions',
};

/** Findings grouped by kind, breaking first, additions last; empty groups left out. */
export function groupFindings(findings: DriftFinding[]): Array<{ kind: DriftKind; findings: DriftFinding[] }> {
  return DRIFT_KINDS.map((kind) => ({ kind, findings: findings.filter((f) => f.kind === kind) })).filter(
    (g) => g.findings.length > 0,
  );
}

/** "acme.v1.User.email at users.proto:30:3", or the symbol alone without source info. */
export function describeLocation(loc: DriftLocation): string {
  const where = formatDriftLocation(loc);
  return where === loc.symbol ? loc.symbol : `${loc.symbol} at ${where}`;
}
