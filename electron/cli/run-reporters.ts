import type { TestSummary, TestTally } from '../../shared/model/scripts';
import { xml } from './xml';

/** One request of a `loupe run`, as every reporter reads it. */
export interface RunResult {
  path: string;
  method?: string;
  ok: boolean;
  status?: { code: number; name: string; message: string };
  /** A local failure: a missing variable, an unreachable server, a schema error, a script error... */
  error?: { code: string; message: string };
  durationMs: number;
  responses: number;
  /** What the request's scripts tested, when it has any. */
  tests?: TestSummary;
  /** What its scripts logged. */
  logs?: string[];
}

export interface RunReport {
  workspace: string;
  environment: string | null;
  results: RunResult[];
  /** Requests not run because --bail stopped the run. */
  skipped: string[];
}

/** Log lines shown per request in the lines report; the JSON report has them all. */
const MAX_LOG_LINES = 20;

const tallyLine = (t: TestTally): string => {
  const runs = t.passed + t.failed;
  const times = runs > 1 ? ` (${runs} runs, ${t.failed} failed)` : '';
  if (!t.failed) return `        pass  ${t.name}${runs > 1 ? ` (${runs} runs)` : ''}\n`;
  const at = t.firstFailure?.index !== undefined ? ` at message #${t.firstFailure.index + 1}` : '';
  return `        FAIL  ${t.name}${times}${at}: ${t.firstFailure?.message ?? 'failed'}\n`;
};

/** One line per request, its tests indented below it. */
export function formatLine(r: RunResult): string {
  const outcome = r.status
    ? `${r.status.name}${r.status.code ? ` (${r.status.code}) ${r.status.message}` : ''}`
    : `${r.error?.code}: ${r.error?.message}`;
  const hint = r.status && r.error ? ` - ${r.error.message}` : '';
  const tests = r.tests ? r.tests.tallies.map(tallyLine).join('') : '';
  const logs = (r.logs ?? []).slice(0, MAX_LOG_LINES).map((l) => `        log   ${l.split('\n').join(' ')}\n`);
  if ((r.logs?.length ?? 0) > MAX_LOG_LINES)
    logs.push(`        log   (${r.logs!.length - MAX_LOG_LINES} more in --reporter json)\n`);
  return `${r.ok ? 'ok  ' : 'FAIL'}  ${r.path}  ${outcome}${hint}  ${r.durationMs} ms\n${logs.join('')}${tests}`;
}

export function summaryLine(report: RunReport): string {
  const failed = report.results.filter((r) => !r.ok).length;
  const tests = report.results.reduce(
    (sum, r) => ({ passed: sum.passed + (r.tests?.passed ?? 0), failed: sum.failed + (r.tests?.failed ?? 0) }),
    { passed: 0, failed: 0 },
  );
  const testPart = tests.passed + tests.failed ? `; tests: ${tests.passed} passed, ${tests.failed} failed` : '';
  const skipped = report.skipped.length ? `, ${report.skipped.length} not run (--bail)` : '';
  return `\n${report.results.length - failed} passed, ${failed} failed${skipped}${testPart}\n`;
}

export function jsonReport(report: RunReport): string {
  const failed = report.results.filter((r) => !r.ok).length;
  return JSON.stringify({ ...report, passed: report.results.length - failed, failed }, null, 2) + '\n';
}

/**
 * JUnit XML, as CI systems read it: a suite per request, a case for the call itself and one per
 * test name (a per-message test is one case, failed if any message failed it).
 */
export function junitReport(report: RunReport): string {
  const suites = report.results.map((r) => {
    const seconds = (r.durationMs / 1000).toFixed(3);
    const callCase = callTestCase(r, seconds);
    const testCases = (r.tests?.tallies ?? []).map((t) => {
      const name = xml(t.passed + t.failed > 1 ? `${t.name} (${t.passed + t.failed} runs)` : t.name);
      const open = `    <testcase classname="${xml(`${r.path} ${t.file}`)}" name="${name}">`;
      if (!t.failed) return `${open}</testcase>`;
      const at = t.firstFailure?.index !== undefined ? ` (message #${t.firstFailure.index + 1})` : '';
      const message = `${t.firstFailure?.message ?? 'failed'}${at}`;
      return `${open}\n      <failure message="${xml(message)}">${xml(`${t.failed} of ${t.passed + t.failed} failed; first: ${message}`)}</failure>\n    </testcase>`;
    });
    const cases = [callCase, ...testCases];
    const failures = cases.filter((c) => c.includes('<failure')).length;
    return [
      `  <testsuite name="${xml(r.path)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${seconds}">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  const skipped = report.skipped.map(
    (path) =>
      `  <testsuite name="${xml(path)}" tests="1" failures="0" errors="0" skipped="1">\n    <testcase classname="${xml(path)}" name="call"><skipped message="not run: --bail stopped the run"/></testcase>\n  </testsuite>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="loupe run ${xml(report.workspace)}">`,
    ...suites,
    ...skipped,
    '</testsuites>',
    '',
  ].join('\n');
}

/** The call itself as a test case: passed when the server answered OK and nothing else failed. */
function callTestCase(r: RunResult, seconds: string): string {
  const message = r.status
    ? `${r.status.name}${r.status.message ? `: ${r.status.message}` : ''}${r.error ? ` - ${r.error.message}` : ''}`
    : `${r.error?.code}: ${r.error?.message}`;
  const passedCall = r.status?.code === 0 && !r.error;
  if (passedCall) return `    <testcase classname="${xml(r.path)}" name="call" time="${seconds}"/>`;
  return `    <testcase classname="${xml(r.path)}" name="call" time="${seconds}">\n      <failure message="${xml(message)}">${xml(message)}</failure>\n    </testcase>`;
}
