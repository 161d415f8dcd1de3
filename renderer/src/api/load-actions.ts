import type { LoadPlanInput } from '../../../shared/model/load';
import type { LoadEvent } from '../../../shared/model/load-report';
import type { Subscription } from '../../../shared/protocol/client';
import { environmentFor, useAppStore, withPoints, type LoadRunView } from '../state';
import { api } from './client';

/**
 * Each tab's running load test: its engine subscription, a live handle kept here rather than in
 * the store (as call-actions keeps calls'). A tab runs at most one; closing the tab ends it.
 */
const openRuns = new Map<string, { key: string; subscription: Subscription }>();

/** Applies a batch of load.start events: only the newest snapshot is kept, each one's chart point is. */
export function applyEvents(run: LoadRunView, events: readonly LoadEvent[]): Partial<LoadRunView> {
  let progress = run.progress;
  let report = run.report;
  const points = [];
  for (const event of events) {
    if (event.type === 'progress') {
      progress = event;
      points.push(event.point);
    } else report = event.report;
  }
  return {
    progress,
    report,
    runId: report?.runId ?? progress?.runId ?? run.runId,
    points: points.length > 0 ? withPoints(run.points, points) : run.points,
    phase: report ? 'finished' : run.phase === 'starting' ? 'running' : run.phase,
  };
}

/** Starts a load test of a tab's request with `plan`, on the tab's target and the workspace's environment. */
export function startLoad(tabId: string, plan: LoadPlanInput): void {
  const s = useAppStore.getState();
  const tab = s.tabs[tabId];
  if (!tab?.method) return;
  abandonLoad(tabId);
  const key = crypto.randomUUID();
  s.setLoadRun(tabId, { key, method: tab.method, phase: 'starting', points: [] });
  const environment = s.workspace
    ? { environment: { root: s.workspace.root, name: s.workspace.activeEnvironment } }
    : environmentFor(tab.target);
  const subscription = api().subscribe(
    'load.start',
    { target: tab.target, ...environment, plan },
    {
      onEvents: (events) => {
        const store = useAppStore.getState();
        store.updateLoadRun(tabId, key, (run) => applyEvents(run, events));
        if (events.some((e) => e.type === 'report')) store.keptRunsChanged();
      },
      onEnd: (error) => {
        if (openRuns.get(tabId)?.key === key) openRuns.delete(tabId);
        useAppStore
          .getState()
          .updateLoadRun(tabId, key, (run) =>
            run.report ? { phase: 'finished' } : { phase: 'failed', ...(error ? { error } : {}) },
          );
      },
    },
  );
  openRuns.set(tabId, { key, subscription });
}

/**
 * Stops a tab's run as its user asked: the engine ends it and its report still comes on the run's
 * stream (what was measured until then). Before the engine named the run, nothing was measured
 * yet and the stream is simply cancelled.
 */
export function stopLoad(tabId: string): void {
  const s = useAppStore.getState();
  const run = s.loadRuns[tabId];
  const open = openRuns.get(tabId);
  if (!run || !open || open.key !== run.key) return;
  if (!run.runId) {
    abandonLoad(tabId);
    s.setLoadRun(tabId, undefined);
    return;
  }
  s.updateLoadRun(tabId, run.key, () => ({ phase: 'stopping' }));
  api()
    .request('load.stop', { runId: run.runId })
    .catch((error: unknown) => {
      // The run may have ended on its own meanwhile; its report says so. Otherwise drop the stream.
      if (openRuns.get(tabId)?.key === run.key) abandonLoad(tabId);
      useAppStore
        .getState()
        .updateLoadRun(tabId, run.key, (r) =>
          r.report
            ? {}
            : { phase: 'failed', error: { code: 'INTERNAL', message: `Could not stop the run: ${String(error)}` } },
        );
    });
}

/** Ends a tab's run without waiting for its report (the tab is closing or starting another). */
export function abandonLoad(tabId: string): void {
  openRuns.get(tabId)?.subscription.cancel();
  openRuns.delete(tabId);
}
