/** "3 passed, 1 failed", the failures in red: how a call's tests read in history and the Tests tab. */
export function TestCounts({ passed, failed }: { passed: number; failed: number }) {
  return (
    <span className="test-counts" data-testid="test-counts">
      <span className="passed">{passed.toLocaleString('en-US')} passed</span>
      {failed > 0 && (
        <>
          , <span className="failed">{failed.toLocaleString('en-US')} failed</span>
        </>
      )}
    </span>
  );
}
