import { isBreaking, type DriftReport } from '../../../shared/model/drift';
import type { SchemaSummary } from '../../../shared/model/schema';

/**
 * Why each open tab may no longer fit a refreshed schema: its method is gone, or the method or its
 * request message changed in a way that breaks (a body written for the old message may now be
 * refused or mean something else). Tabs are flagged, never rewritten: the body stays as typed.
 */
export function flagsForTabs(
  tabs: Array<{ id: string; method: string | undefined }>,
  before: SchemaSummary | undefined,
  after: SchemaSummary,
  report: DriftReport,
): Record<string, string[]> {
  const methodsOf = (s: SchemaSummary | undefined) => (s?.services ?? []).flatMap((svc) => svc.methods);
  const now = new Map(methodsOf(after).map((m) => [m.fullName, m]));
  const then = new Map(methodsOf(before).map((m) => [m.fullName, m]));
  const breaking = report.findings.filter((f) => isBreaking(f.kind));
  const flags: Record<string, string[]> = {};
  for (const tab of tabs) {
    if (!tab.method) continue;
    const method = tab.method;
    if (!now.has(method)) {
      flags[tab.id] = [`${method} is no longer in the schema: sending it will fail.`];
      continue;
    }
    const request = (then.get(method) ?? now.get(method))!.requestType;
    const reasons = breaking
      .filter((f) => f.subject === method || f.subject === request || f.subject.startsWith(`${request}.`))
      .map((f) => f.message);
    if (reasons.length > 0) flags[tab.id] = reasons;
  }
  return flags;
}

/** The key of a saved request's flags (beside tab ids): flagged whether or not a tab shows it. */
export function savedFlagKey(root: string, path: string): string {
  return `saved:${root}:${path}`;
}
