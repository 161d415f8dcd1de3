import { useCallback, useEffect, useRef, useState } from 'react';
import { toErrorData } from '../../../../shared/model/errors';
import type { MockCallEntry, MockStarted } from '../../../../shared/model/mock';
import { api, workspaceEnvironment } from '../../api';
import { activeTarget, newTab, useAppStore } from '../../state';

/** Rows the window keeps: the newest, enough to follow what a client does, never a growing heap. */
export const MAX_LOG_ROWS = 500;

export interface MockRow {
  /** Place among every call the mock logged, for a stable key. */
  seq: number;
  entry: MockCallEntry;
  status: string;
}

export type MockState =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'failed'; message: string }
  | { phase: 'running'; mock: MockStarted; of: string; rows: MockRow[]; skipped: number };

/**
 * One mock per window at a time: started from the active tab's target, its log followed until it
 * stops. The engine stops it when the window's connection closes.
 */
export function useMock() {
  const [state, setState] = useState<MockState>({ phase: 'idle' });
  const seq = useRef(0);
  const mockId = state.phase === 'running' ? state.mock.mockId : undefined;

  const start = useCallback(async () => {
    const s = useAppStore.getState();
    const target = activeTarget(s);
    setState({ phase: 'starting' });
    try {
      const mock = await api().request('mock.start', { target, ...workspaceEnvironment(s) });
      setState({ phase: 'running', mock, of: target.address, rows: [], skipped: 0 });
    } catch (error) {
      setState({ phase: 'failed', message: toErrorData(error).message });
    }
  }, []);

  const stop = useCallback(async () => {
    if (!mockId) return;
    setState({ phase: 'idle' });
    try {
      await api().request('mock.stop', { mockId });
    } catch (error) {
      setState({ phase: 'failed', message: toErrorData(error).message });
    }
  }, [mockId]);

  useEffect(() => {
    if (!mockId) return;
    const subscription = api().subscribe(
      'mock.log',
      { mockId },
      {
        onEvents: (events) =>
          setState((current) => {
            if (current.phase !== 'running' || current.mock.mockId !== mockId) return current;
            let { rows, skipped } = current;
            const added: MockRow[] = [];
            for (const event of events) {
              if ('skipped' in event) skipped += event.skipped;
              else added.push({ seq: ++seq.current, entry: event.entry, status: event.status });
            }
            rows = [...rows, ...added];
            if (rows.length > MAX_LOG_ROWS) {
              skipped += rows.length - MAX_LOG_ROWS;
              rows = rows.slice(-MAX_LOG_ROWS);
            }
            return { ...current, rows, skipped };
          }),
        onEnd: () => undefined,
      },
    );
    return () => subscription.cancel();
  }, [mockId]);

  return { state, start, stop };
}

/** A new tab on the mock: the active tab's method and body, the mock's address, plaintext gRPC. */
export function openTabOnMock(address: string): void {
  const s = useAppStore.getState();
  const tab = s.tabs[s.activeTabId];
  s.openTab(newTab(crypto.randomUUID(), tab?.method, tab?.body, { address }));
}
