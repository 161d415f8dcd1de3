import type { StateCreator } from 'zustand';
import type { AppState } from './store';
import {
  addTab,
  closeTabIn,
  findLinkedTab,
  linkTab,
  newTab,
  openMethodIn,
  openTabIn,
  relinkTabs,
  unlinkTabs,
  type RequestTab,
  type CallSummary,
  type TabEdit,
  type TabsState,
} from './tabs-model';
import { restoreTabs } from './tabs-persistence';
import { detailsKey, targetKey } from './target-key';

export interface TabsSlice extends TabsState {
  /** Opens a method in the active tab while it is untouched, else in a new tab. */
  openMethodInTab: (method: string) => void;
  newEmptyTab: () => void;
  /** Removes the tab from the store only; api/closeTab also cancels its call and drops its buffer. */
  removeTab: (id: string) => void;
  activateTab: (id: string) => void;
  updateTab: (id: string, edit: TabEdit) => void;
  /** Gives every tab on target `key` showing `method` and still waiting for its template that template. */
  fillTemplate: (key: string, method: string, template: string) => void;
  setTabCall: (tabId: string, call: CallSummary | undefined) => void;
  /** Patches a tab's call, unless the tab has since moved on to another call (or closed). */
  updateTabCall: (tabId: string, callId: string, patch: Partial<CallSummary>) => void;
  /** Shows a tab built elsewhere (a saved request, a history entry, a pasted command). */
  openTab: (tab: RequestTab) => void;
  /** Replaces what a tab shows (its request and saved link), keeping its place and its last call. */
  replaceTabRequest: (id: string, tab: RequestTab) => void;
  /** Shows the tab linked to a saved request; false when none is open. */
  showLinkedTab: (root: string, path: string) => boolean;
  /** The tab was saved at `path` as `version`; `fingerprint` is the content that was saved. */
  markTabSaved: (tabId: string, root: string, path: string, version: string, fingerprint: string) => void;
  /** A saved request or folder was renamed or moved: its tabs follow. */
  relinkSaved: (root: string, from: string, to: string) => void;
  /** A saved request or folder was deleted: its tabs stay open, unsaved. */
  unlinkSaved: (root: string, path: string) => void;
}

const newId = (): string => crypto.randomUUID();

/** selectedMethod mirrors the active tab's method, so the service tree highlights what is shown. */
const withSelection = (next: TabsState) => ({ ...next, selectedMethod: next.tabs[next.activeTabId]?.method });

const tabsOf = (s: AppState): TabsState => ({ tabs: s.tabs, order: s.order, activeTabId: s.activeTabId });

/** A method's template on the active tab's target (a new tab opened from it shares that target). */
const templateOf = (s: AppState, method: string): string | undefined => {
  const target = s.tabs[s.activeTabId]?.target;
  const details = target ? s.methodDetails[detailsKey(targetKey(target), method)] : undefined;
  return details?.status === 'ready' ? details.value.template : undefined;
};

export const createTabsSlice: StateCreator<AppState, [], [], TabsSlice> = (set, get) => {
  const restored = restoreTabs(newId);
  return {
    ...restored,
    openMethodInTab: (method) =>
      set((s) => withSelection(openMethodIn(tabsOf(s), method, templateOf(s, method), (m) => templateOf(s, m), newId))),
    // "+" opens a tab on the shown tab's server: the usual next step is another call to it.
    newEmptyTab: () =>
      set((s) =>
        withSelection(addTab(tabsOf(s), newTab(newId(), undefined, undefined, s.tabs[s.activeTabId]?.target))),
      ),
    removeTab: (id) => set((s) => withSelection(closeTabIn(tabsOf(s), id, newId))),
    activateTab: (id) => set((s) => (s.tabs[id] ? withSelection({ ...tabsOf(s), activeTabId: id }) : {})),
    updateTab: (id, edit) =>
      set((s) => {
        const tab = s.tabs[id];
        return tab ? { tabs: { ...s.tabs, [id]: { ...tab, ...edit } } } : {};
      }),
    fillTemplate: (key, method, template) =>
      set((s) => {
        const waiting = Object.values(s.tabs).filter(
          (t) => t.method === method && t.body === undefined && targetKey(t.target) === key,
        );
        if (waiting.length === 0) return {};
        const tabs = { ...s.tabs };
        for (const tab of waiting) tabs[tab.id] = { ...tab, body: template };
        return { tabs };
      }),
    setTabCall: (tabId, call) =>
      set((s) => {
        const tab = s.tabs[tabId];
        return tab ? { tabs: { ...s.tabs, [tabId]: { ...tab, call } } } : {};
      }),
    updateTabCall: (tabId, callId, patch) =>
      set((s) => {
        const tab = s.tabs[tabId];
        if (tab?.call?.callId !== callId) return {};
        return { tabs: { ...s.tabs, [tabId]: { ...tab, call: { ...tab.call, ...patch } } } };
      }),
    openTab: (tab) => set((s) => withSelection(openTabIn(tabsOf(s), tab))),
    replaceTabRequest: (id, tab) =>
      set((s) => {
        const old = s.tabs[id];
        if (!old) return {};
        // The script draft is not part of the request file: it stays with the tab.
        const script = tab.script ?? old.script;
        return withSelection({
          ...tabsOf(s),
          tabs: { ...s.tabs, [id]: { ...tab, id, call: old.call, ...(script ? { script } : {}) } },
        });
      }),
    showLinkedTab: (root, path) => {
      const tab = findLinkedTab(tabsOf(get()), root, path);
      if (tab) set((s) => withSelection({ ...tabsOf(s), activeTabId: tab.id }));
      return tab !== undefined;
    },
    markTabSaved: (tabId, root, path, version, fingerprint) =>
      set((s) => {
        const tab = s.tabs[tabId];
        return tab ? { tabs: { ...s.tabs, [tabId]: linkTab(tab, root, path, version, fingerprint) } } : {};
      }),
    relinkSaved: (root, from, to) => set((s) => ({ tabs: relinkTabs(tabsOf(s), root, from, to).tabs })),
    unlinkSaved: (root, path) => set((s) => ({ tabs: unlinkTabs(tabsOf(s), root, path).tabs })),
  };
};
