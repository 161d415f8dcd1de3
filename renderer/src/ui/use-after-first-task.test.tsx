// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, expect, it, vi } from 'vitest';
import { useAfterFirstTask } from './use-after-first-task';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function Staged() {
  const after = useAfterFirstTask();
  return <p>{after ? 'rest' : 'first'}</p>;
}

function mount() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  cleanup = () => {
    act(() => root.unmount());
    host.remove();
  };
  return { host, root };
}

it('renders the first part in the commit and the rest in a later task', async () => {
  const { host, root } = mount();
  act(() => root.render(<Staged />));
  // The commit and its effects have run: the rest still waits for its own task.
  expect(host.textContent).toBe('first');
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  expect(host.textContent).toBe('rest');
});

it('leaves no timer behind when unmounted before that task', () => {
  vi.useFakeTimers();
  try {
    const { host, root } = mount();
    act(() => root.render(<Staged />));
    expect(vi.getTimerCount()).toBe(1);
    act(() => root.unmount());
    cleanup = () => host.remove();
    expect(vi.getTimerCount()).toBe(0);
  } finally {
    vi.useRealTimers();
  }
});
