import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach } from 'vitest';

// React's act() needs to know it runs in a test environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

interface Mounted {
  host: HTMLElement;
  root: Root;
  /** Unmounts now (the test's own step); otherwise it happens after the test. */
  unmount: () => void;
}

const mounted = new Set<Mounted>();

afterEach(() => {
  for (const entry of mounted) entry.unmount();
});

/** A React root in a fresh element of the page (a happy-dom test's), unmounted after the test. */
export function mountedRoot(): Mounted {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  const entry: Mounted = {
    host,
    root,
    unmount: () => {
      if (!mounted.delete(entry)) return;
      act(() => root.unmount());
      host.remove();
    },
  };
  mounted.add(entry);
  return entry;
}
