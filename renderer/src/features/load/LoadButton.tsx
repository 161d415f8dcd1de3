import { useAppStore } from '../../state';

/** "Load" beside Send: shows the tab's load test in place of the response, and back. */
export function LoadButton() {
  const open = useAppStore((s) => s.loadOpen);
  const setOpen = useAppStore((s) => s.setLoadOpen);
  const running = useAppStore((s) => {
    const run = s.loadRuns[s.activeTabId];
    return run?.phase === 'running' || run?.phase === 'starting' || run?.phase === 'stopping';
  });
  return (
    <button
      type="button"
      aria-pressed={open}
      className={open ? 'toggled' : undefined}
      onClick={() => setOpen(!open)}
      title={open ? 'Show the response' : 'Load-test this request: many calls at once, timed'}
    >
      {running ? '● Load' : 'Load'}
    </button>
  );
}

/** The right pane: the Load view while it is open, else what it is given (the response). */
export function LoadOr({ children, load }: { children: React.ReactNode; load: React.ReactNode }) {
  const open = useAppStore((s) => s.loadOpen);
  return <>{open ? load : children}</>;
}
