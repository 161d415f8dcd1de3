import { describe, expect, it } from 'vitest';
import type { TestResult } from '../../../shared/model/scripts';
import { TimelineLog } from './timeline-log';

const result = (r: Partial<TestResult>): TestResult => ({
  name: 'says hi',
  passed: true,
  file: 'requests/echo.js',
  hook: 'afterCall',
  ...r,
});

describe("TimelineLog: a call's scripts", () => {
  it("keeps logs, tests, script errors and the summary for the Tests tab; 'tests' is not a row", () => {
    const log = new TimelineLog(1000);
    const summary = { passed: 1, failed: 1, tallies: [] };
    const snapshot = { name: 'reply', state: 'new' as const, received: '{"a":1}', ignore: [] };
    log.append([
      { type: 'scripts', t: 0, files: ['requests/echo.js'], trusted: true },
      { type: 'log', t: 1, text: 'hello', file: 'requests/echo.js', hook: 'beforeCall' },
      { type: 'test', t: 2, result: result({}) },
      { type: 'test', t: 2, result: result({ name: 'reply', passed: false, snapshot }) },
      { type: 'tests', t: 3, summary },
      { type: 'error', t: 3, message: 'The afterCall hook in requests/echo.js:2 failed: boom' },
      { type: 'error', t: 3, message: 'Could not connect' },
    ]);
    expect(log.end).toBe(6);
    const outcome = log.scriptsOutcome;
    expect(outcome.scripts).toEqual({ files: ['requests/echo.js'], trusted: true });
    expect(outcome.tests).toBe(summary);
    expect(outcome.logs).toMatchObject([{ text: 'hello', hook: 'beforeCall' }]);
    expect(outcome.snapshots.map((r) => r.name)).toEqual(['reply']);
    expect(outcome.errors).toEqual(['The afterCall hook in requests/echo.js:2 failed: boom']);
    // A script's failure is the call's error already; the plain-language list is for connections.
    expect(log.errors).toEqual(['Could not connect']);
    // A failed test is a problem row to jump to.
    expect(log.problemRows()).toContain(3);
  });
});
