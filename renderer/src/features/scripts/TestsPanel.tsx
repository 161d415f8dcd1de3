import { useState } from 'react';
import type { TestResult, TestTally } from '../../../../shared/model/scripts';
import { approveSnapshot } from '../../api';
import { callLog, useAppStore, useLogValue, useLogVersion, type CallSummary } from '../../state';
import { ErrorBox } from '../../ui/ErrorBox';
import { DiffView } from '../../ui/monaco/lazy';
import { TestCounts } from '../../ui/TestCounts';
import { useAction } from '../../ui/use-action';
import { TrustButton } from './TrustBanner';

const EXAMPLE = "afterCall((res) => test('says hi', () => expect(res.message.message).to.equal('hi')));";

/** The Tests tab's label: a count badge, red when something failed. */
export function TestsTabLabel({ call }: { call: CallSummary }) {
  const tests = useLogValue(callLog(call.callId), (log) => log.scriptsOutcome.tests);
  const total = tests ? tests.passed + tests.failed : 0;
  return (
    <>
      Tests
      {total > 0 && (
        <span className={`count-badge ${tests!.failed > 0 ? 'failed' : 'passed'}`} data-testid="tests-badge">
          {tests!.failed > 0 ? tests!.failed : total}
        </span>
      )}
    </>
  );
}

/**
 * What a call's scripts found: each test with its passed and failed counts and first failure,
 * snapshots to approve, hook failures and log lines in order. Redrawn as the call's log grows.
 */
export function TestsPanel({ call }: { call: CallSummary }) {
  const log = callLog(call.callId);
  useLogVersion(log);
  const outcome = log?.scriptsOutcome;
  if (!outcome) return null;
  const { tests, scripts, errors, logs, snapshots } = outcome;
  const beforeStart = call.error?.code === 'SCRIPT' ? [call.error.message] : [];
  const failures = [...beforeStart, ...errors];
  const pending = snapshots.filter((r) => r.snapshot && r.snapshot.state !== 'matched');
  const held = scripts && !scripts.trusted;
  const nothing = !tests?.tallies.length && !failures.length && !logs.length && !held;
  return (
    <div className="tests-panel" data-testid="tests-panel">
      {held && (
        <div className="tests-held" role="note">
          <p>
            This call ran without its scripts ({scripts.files.join(', ')}): Loupe runs a workspace&apos;s scripts only
            once you trust its folder.
          </p>
          <TrustButton />
        </div>
      )}
      {failures.map((message, i) => (
        <ErrorBox key={i} title="A script failed" error={{ code: 'SCRIPT', message }} />
      ))}
      {tests && tests.tallies.length > 0 && (
        <>
          <p className="tests-total">
            <TestCounts passed={tests.passed} failed={tests.failed} />
            {call.phase === 'running' && <span className="hint"> · running…</span>}
          </p>
          <ul className="test-list" aria-label="Tests">
            {tests.tallies.map((t) => (
              <TallyRow key={`${t.file}|${t.hook}|${t.name}`} tally={t} />
            ))}
          </ul>
        </>
      )}
      {pending.map((r, i) => (
        <SnapshotResult key={`${r.snapshot!.name}|${i}`} result={r} />
      ))}
      {logs.length > 0 && (
        <>
          <h3 className="tests-heading">Log</h3>
          <ol className="script-logs" aria-label="Script log">
            {logs.map((l, i) => (
              <li key={i}>
                <span className="hint">
                  {l.file || 'engine'} · {l.hook}
                  {l.index !== undefined ? ` #${l.index + 1}` : ''}
                </span>{' '}
                <span className="log-text">{l.text}</span>
              </li>
            ))}
          </ol>
          {outcome.droppedLogs > 0 && <p className="hint">{outcome.droppedLogs} more log lines not kept.</p>}
        </>
      )}
      {nothing && (
        <div className="hint tests-empty">
          <p>No tests ran on this call. Add one in the request&apos;s Script tab, for example:</p>
          <pre>{EXAMPLE}</pre>
        </div>
      )}
    </div>
  );
}

function TallyRow({ tally }: { tally: TestTally }) {
  const failed = tally.failed > 0;
  const runs = tally.passed + tally.failed;
  return (
    <li className={`test-row ${failed ? 'failed' : 'passed'}`} data-testid="test-row">
      <span className="test-mark" aria-hidden>
        {failed ? '✗' : '✓'}
      </span>
      <span className="test-name">{tally.name}</span>
      <span className="hint">
        {tally.hook} · {tally.file}
      </span>
      {runs > 1 && (
        <span className="test-runs">
          <TestCounts passed={tally.passed} failed={tally.failed} />
        </span>
      )}
      {tally.firstFailure && (
        <pre className="test-failure" data-testid="test-failure">
          {tally.firstFailure.index !== undefined ? `message #${tally.firstFailure.index + 1}: ` : ''}
          {tally.firstFailure.message}
        </pre>
      )}
    </li>
  );
}

/** A snapshot with nothing approved yet, or one that differs: the difference, and Approve. */
function SnapshotResult({ result }: { result: TestResult }) {
  const snapshot = result.snapshot!;
  const saved = useAppStore((s) => s.tabs[s.activeTabId]?.saved);
  const openCompare = useAppStore((s) => s.openCompare);
  const action = useAction();
  // The received text that was approved here (a later call's other text asks again).
  const [approved, setApproved] = useState<string | undefined>();
  const done = approved === snapshot.received;
  const approve = () =>
    action.run(async () => {
      if (!saved) throw new Error('Snapshots belong to saved requests: open the request from its workspace');
      await approveSnapshot(saved.root, saved.path, snapshot.name, snapshot.received);
      setApproved(snapshot.received);
    });
  return (
    <section className="snapshot-result" aria-label={`Snapshot ${snapshot.name}`} data-testid="snapshot-result">
      <header>
        <strong>Snapshot “{snapshot.name}”</strong>{' '}
        <span className="hint">
          {snapshot.state === 'new' ? 'nothing approved yet' : 'differs from the approved one'}
          {snapshot.ignore.length ? ` · ignoring ${snapshot.ignore.join(', ')}` : ''}
        </span>
        <span className="spacer" />
        <button
          type="button"
          onClick={() =>
            openCompare(
              { label: `Snapshot “${snapshot.name}” (approved)`, text: snapshot.approved ?? '' },
              { label: 'Received', text: snapshot.received },
            )
          }
        >
          Open in Compare
        </button>
        {done ? (
          <span className="approved">Approved: the next call compares with it</span>
        ) : (
          <button type="button" className="primary" disabled={action.busy} onClick={() => void approve()}>
            Approve
          </button>
        )}
      </header>
      {action.error && <ErrorBox title="The snapshot was not approved" error={action.error} />}
      <div className="snapshot-sides hint">
        <span>Approved</span>
        <span>Received</span>
      </div>
      <DiffView
        original={snapshot.approved ?? ''}
        modified={snapshot.received}
        ariaLabel={`Snapshot ${snapshot.name}: approved and received`}
        testId="snapshot-diff"
      />
    </section>
  );
}
