import type { StateCreator } from 'zustand';
import type { ErrorData } from '../../../shared/model/errors';
import type { LoadProgress, LoadTimePoint } from '../../../shared/model/load';
import type { LoadReport } from '../../../shared/model/load-report';
import type { AppState } from './store';

/**
 * A tab's load test as the window follows it: the engine's latest snapshot (about four a second,
 * replaced, never accumulated), the chart points so far (bounded), then its report.
 */
export interface LoadRunView {
  /** Minted by the window for this run, so late events of an older run of the tab are ignored. */
  key: string;
  method: string;
  phase: 'starting' | 'running' | 'stopping' | 'finished' | 'failed';
  runId?: string;
  progress?: LoadProgress;
  points: LoadTimePoint[];
  report?: LoadReport;
  error?: ErrorData;
}

export interface LoadSlice {
  /** The right pane shows the Load view instead of the response (the choice holds across tabs). */
  loadOpen: boolean;
  /** Each tab's current or last load run. */
  loadRuns: Record<string, LoadRunView>;
  /** Bumped when kept runs change (a run ended or was deleted), so their lists read them again. */
  keptRunsVersion: number;
  setLoadOpen: (open: boolean) => void;
  setLoadRun: (tabId: string, run: LoadRunView | undefined) => void;
  /** Changes a tab's run only while it is still the run `key` names. */
  updateLoadRun: (tabId: string, key: string, update: (run: LoadRunView) => Partial<LoadRunView>) => void;
  keptRunsChanged: () => void;
}

export const createLoadSlice: StateCreator<AppState, [], [], LoadSlice> = (set) => ({
  loadOpen: false,
  loadRuns: {},
  keptRunsVersion: 0,
  setLoadOpen: (loadOpen) => set({ loadOpen }),
  setLoadRun: (tabId, run) =>
    set((s) => {
      const loadRuns = { ...s.loadRuns };
      if (run) loadRuns[tabId] = run;
      else delete loadRuns[tabId];
      return { loadRuns };
    }),
  updateLoadRun: (tabId, key, update) =>
    set((s) => {
      const run = s.loadRuns[tabId];
      if (!run || run.key !== key) return {};
      return { loadRuns: { ...s.loadRuns, [tabId]: { ...run, ...update(run) } } };
    }),
  keptRunsChanged: () => set((s) => ({ keptRunsVersion: s.keptRunsVersion + 1 })),
});

/** Chart points a live run keeps: beyond it every other point goes, so a long run stays a bounded line. */
export const MAX_LIVE_POINTS = 1200;

/** The live series with more points; when full, every other point goes (the line keeps its shape at half the detail). */
export function withPoints(points: readonly LoadTimePoint[], added: readonly LoadTimePoint[]): LoadTimePoint[] {
  let next = [...points, ...added];
  while (next.length > MAX_LIVE_POINTS) next = next.filter((_, i) => i % 2 === 0 || i === next.length - 1);
  return next;
}
