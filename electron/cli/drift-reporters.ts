import { xml } from './xml';
import { formatDriftLocation, isBreaking, type DriftFinding, type DriftReport } from '../../shared/model/drift';

/*
 * `loupe drift` output, as pure functions of a report: text (one line per finding, located like a
 * compiler's diagnostics so CI annotations and editors pick them up), JSON (the report itself),
 * and JUnit XML (one test case per finding; breaking ones fail).
 */

/** Where a finding is, for one line: the other side's place (what a change under review touched), else the base's. */
function placeOf(f: DriftFinding): string {
  const loc = f.other?.file ? f.other : (f.base ?? f.other);
  return loc ? formatDriftLocation(loc) : f.subject;
}

export function textReport(report: DriftReport): string {
  return report.findings.map((f) => `${placeOf(f)}: ${f.kind} ${f.rule}: ${f.message}\n`).join('');
}

/** One line for stderr: how many of each, at which strictness, between what. */
export function summaryLine(report: DriftReport): string {
  const count = (kind: string) => report.findings.filter((f) => f.kind === kind).length;
  const hygiene = count('hygiene');
  const additions = count('addition');
  const breaking =
    report.breaking === 0
      ? 'nothing breaking'
      : `${report.breaking} breaking change${report.breaking === 1 ? '' : 's'}`;
  return `${breaking} at ${report.category}, ${hygiene} hygiene, ${additions} addition${additions === 1 ? '' : 's'}: ${report.base} -> ${report.other}`;
}

export function jsonReport(report: DriftReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

// XML 1.0 allows tab, newline, carriage return and everything from space up, bar a few.
export function junitReport(report: DriftReport): string {
  const failures = report.findings.filter((f) => isBreaking(f.kind)).length;
  const suite = `loupe drift ${report.base} -> ${report.other} (${report.category})`;
  const cases = report.findings.map((f) => {
    const open = `    <testcase classname="${xml(f.base?.file ?? f.other?.file ?? f.subject)}" name="${xml(`${f.rule} ${f.subject}`)}">`;
    if (isBreaking(f.kind)) {
      return `${open}\n      <failure type="${f.kind}" message="${xml(f.message)}">${xml(`${placeOf(f)}: ${f.message}`)}</failure>\n    </testcase>`;
    }
    return `${open}\n      <system-out>${xml(`${f.kind}: ${f.message}`)}</system-out>\n    </testcase>`;
  });
  // A suite with no case reads as "nothing ran" in some CI dashboards: say it passed.
  if (cases.length === 0)
    cases.push(`    <testcase classname="loupe drift" name="no changes at ${report.category}"></testcase>`);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="loupe drift" tests="${cases.length}" failures="${failures}">`,
    `  <testsuite name="${xml(suite)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
  ];
  if (report.notes.length) lines.push(`    <system-out>${xml(report.notes.join('\n'))}</system-out>`);
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
}
