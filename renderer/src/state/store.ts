import { create } from 'zustand';
import { createCompareSlice, type CompareSlice } from './compare-slice';
import { createDriftSlice, type DriftSlice } from './drift-slice';
import { createLoadSlice, type LoadSlice } from './load-slice';
import { createSchemaSlice, type SchemaSlice } from './schema-slice';
import { createScriptsSlice, type ScriptsSlice } from './scripts-slice';
import { createTabsSlice, type TabsSlice } from './tabs-slice';
import { createTargetSlice, type TargetSlice } from './target-slice';
import { saveTabs } from './tabs-persistence';
import { setWorkspaceContext } from './target-key';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice';

/** One store of typed slices. Select single values; use useShallow for derived lists. */
export type AppState = TargetSlice &
  SchemaSlice &
  TabsSlice &
  UiSlice &
  WorkspaceSlice &
  DriftSlice &
  ScriptsSlice &
  LoadSlice &
  CompareSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createTargetSlice(...a),
  ...createSchemaSlice(...a),
  ...createTabsSlice(...a),
  ...createUiSlice(...a),
  ...createWorkspaceSlice(...a),
  ...createDriftSlice(...a),
  ...createScriptsSlice(...a),
  ...createLoadSlice(...a),
  ...createCompareSlice(...a),
}));

// The active tab's method is mirrored for the service tree; set it for restored tabs too.
useAppStore.setState((s) => ({ selectedMethod: s.tabs[s.activeTabId]?.method }));

// Targets with {{variables}} or workspace-relative paths are keyed by the workspace and its
// environment. Subscribed here, before any component, so selectors see the new context at once.
const syncWorkspaceContext = (s: AppState): void =>
  setWorkspaceContext(s.workspace ? { root: s.workspace.root, environment: s.workspace.activeEnvironment } : undefined);
syncWorkspaceContext(useAppStore.getState());
useAppStore.subscribe(syncWorkspaceContext);

/**
 * Tabs are saved shortly after they change rather than on every keystroke, and once more when the
 * page goes away so a reload right after typing keeps what was typed.
 */
if (typeof window !== 'undefined') {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    saveTabs(useAppStore.getState());
  };
  useAppStore.subscribe((s, prev) => {
    if (s.tabs === prev.tabs && s.order === prev.order && s.activeTabId === prev.activeTabId) return;
    if (timer === undefined) timer = setTimeout(flush, 300);
  });
  window.addEventListener('pagehide', flush);
}
