import { useId, useState } from 'react';
import { activeTarget, useAppStore } from '../../state';
import { MockLog } from './MockLog';
import { openTabOnMock, useMock } from './use-mock';

/**
 * "Mock": serves the shown tab's schema on a free loopback port in one click. While it runs, the
 * button opens a panel with its address, a way to call it from a new tab, Stop, and its calls.
 */
export function MockButton() {
  const { state, start, stop } = useMock();
  const [open, setOpen] = useState(false);
  const hasAddress = useAppStore((s) => activeTarget(s).address.trim() !== '');
  const panelId = useId();

  const onClick = () => {
    if (state.phase === 'running' || state.phase === 'failed') return setOpen(!open);
    // Opened with the start: the address (or why it did not start) is what the user asked to see.
    setOpen(true);
    void start();
  };
  const running = state.phase === 'running';
  const panelShown = open && state.phase !== 'idle' && state.phase !== 'starting';
  const calls = running ? state.rows.length + state.skipped : 0;

  return (
    <div className="mock-control">
      <button
        type="button"
        onClick={onClick}
        disabled={state.phase === 'starting' || (!running && !hasAddress)}
        aria-expanded={state.phase === 'idle' || state.phase === 'starting' ? undefined : open}
        // Only a panel that is there can be pointed at: an id of nothing is an invalid reference.
        aria-controls={panelShown ? panelId : undefined}
        title={running ? 'Show the mock server' : "Serve this tab's schema from a local mock server"}
      >
        {state.phase === 'starting' ? 'Starting mock…' : running ? `● Mock (${calls})` : 'Mock'}
      </button>
      {panelShown && (
        <section
          id={panelId}
          className="mock-panel"
          aria-label="Mock server"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
        >
          {state.phase === 'failed' ? (
            <>
              <p className="mock-problem" role="alert">
                The mock did not start: {state.message}
              </p>
              <div className="mock-actions">
                <button type="button" onClick={() => void start()} disabled={!hasAddress}>
                  Try again
                </button>
                <button type="button" onClick={() => setOpen(false)}>
                  Close
                </button>
              </div>
            </>
          ) : (
            <>
              <p className="mock-address">
                Mock of <code>{state.of}</code> listening on{' '}
                <code data-testid="mock-address">{state.mock.address}</code> (plaintext gRPC
                {state.mock.rulesDir ? `, rules from ${state.mock.rulesDir}` : ', default answers'})
              </p>
              {state.mock.problems.length > 0 && (
                <ul className="mock-problems" aria-label="Rule files left out">
                  {state.mock.problems.map((problem) => (
                    <li key={problem}>{problem} (file left out)</li>
                  ))}
                </ul>
              )}
              <div className="mock-actions">
                <button
                  type="button"
                  className="primary"
                  onClick={() => {
                    openTabOnMock(state.mock.address);
                    // The next step is Send, in the tab this panel would cover; the button counts the calls.
                    setOpen(false);
                  }}
                >
                  Open a tab on it
                </button>
                <button type="button" onClick={() => void stop()}>
                  Stop
                </button>
                <button type="button" onClick={() => setOpen(false)}>
                  Hide
                </button>
              </div>
              <MockLog rows={state.rows} skipped={state.skipped} />
            </>
          )}
        </section>
      )}
    </div>
  );
}
