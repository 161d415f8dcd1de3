import type { CallEvent } from '../../../shared/model/call';
import type { TestResult, TestSummary } from '../../../shared/model/scripts';

/** Log lines kept per call for the Tests tab; the engine already bounds what it sends. */
const MAX_LOGS = 2000;

/** How the engine words a hook's failure: "The <hook> hook in <file>:<line> failed: …". */
const SCRIPT_ERROR = /^The (beforeCall|beforeSend|onMessage|afterCall) hook in /;

export type ScriptLog = Extract<CallEvent, { type: 'log' }>;

/**
 * What a call's scripts did, gathered from its events for the Tests tab: which scripts ran (or
 * were held back), the latest test summary, snapshot results to approve, log lines and hook
 * failures. Kept apart from the timeline's rows, which a long stream lets go of.
 */
export class CallScripts {
  scripts: { files: string[]; trusted: boolean } | undefined;
  tests: TestSummary | undefined;
  readonly snapshots: TestResult[] = [];
  readonly logs: ScriptLog[] = [];
  droppedLogs = 0;
  readonly errors: string[] = [];

  note(event: Extract<CallEvent, { type: 'scripts' | 'log' | 'test' }>): void {
    if (event.type === 'scripts') this.scripts = { files: event.files, trusted: event.trusted };
    else if (event.type === 'test') {
      if (event.result.snapshot) this.snapshots.push(event.result);
    } else if (this.logs.length < MAX_LOGS) this.logs.push(event);
    else this.droppedLogs++;
  }

  /** Takes a hook's failure (true); other errors are the connection's, explained elsewhere. */
  noteError(message: string): boolean {
    if (!SCRIPT_ERROR.test(message)) return false;
    this.errors.push(message);
    return true;
  }
}
