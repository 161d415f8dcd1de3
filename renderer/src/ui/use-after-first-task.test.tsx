// @vitest-environment happy-dom
import { act } from 'react';
import { expect, it, vi } from 'vitest';
import { mountedRoot } from './test-support/mounted-root';
import { useAfterFirstTask } from './use-after-first-task';

function Staged() {
  const after = useAfterFirstTask();
  return <p>{after ? 'rest' : 'first'}</p>;
}

it('renders the first part in the commit and the rest in a later task', async () => {
  const { host, root } = mountedRoot();
  act(() => root.render(<Staged />));
  // The commit and its effects have run: the rest still waits for its own task.
  expect(host.textContent).toBe('first');
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  expect(host.textContent).toBe('rest');
});

it('leaves no timer behind when unmounted before that task', () => {
  vi.useFakeTimers();
  try {
    const { root, unmount } = mountedRoot();
    act(() => root.render(<Staged />));
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  } finally {
    vi.useRealTimers();
  }
});
