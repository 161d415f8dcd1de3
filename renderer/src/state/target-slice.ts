import type { StateCreator } from 'zustand';
import { TargetSettingsSchema, type ConnectivityState, type TargetSettingsInput } from '../../../shared/model/target';
import type { AppState } from './store';
import { EMPTY_TARGET } from './target-key';

export interface TargetSlice {
  /** Edits the active tab's target (the header edits the shown tab's server). */
  setTarget: (patch: Partial<TargetSettingsInput>) => void;
  /** Replace every connection and schema setting of the active tab and remember them for the next start. */
  applyTarget: (target: TargetSettingsInput) => void;
  /**
   * Gives tabs without a server (a first start, or tabs saved by a build without per-tab targets)
   * the default target: the one remembered from the last session, else the demo server.
   */
  adoptDefaultTarget: (target: TargetSettingsInput) => void;
  /** The channel's state for the active tab's loaded target; undefined before that. */
  connectivity: ConnectivityState | undefined;
  setConnectivity: (state: ConnectivityState | undefined) => void;
}

const LAST_TARGET_KEY = 'loupe.lastTarget';

export function rememberedTarget(): TargetSettingsInput | undefined {
  try {
    const raw = localStorage.getItem(LAST_TARGET_KEY);
    if (!raw) return undefined;
    // Stored by an older or newer build, or edited by hand: fill defaults, drop what is invalid,
    // rather than sending the engine something it will refuse on every start.
    const parsed = TargetSettingsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function rememberTarget(target: TargetSettingsInput): void {
  try {
    localStorage.setItem(LAST_TARGET_KEY, JSON.stringify(target));
  } catch {
    // Storage full or disabled: the settings still apply to this session.
  }
}

/** The active tab's target; a fresh store always has an active tab, the fallback is for types. */
export const activeTarget = (s: AppState): TargetSettingsInput => s.tabs[s.activeTabId]?.target ?? EMPTY_TARGET;

export const createTargetSlice: StateCreator<AppState, [], [], TargetSlice> = (set) => {
  const setActiveTarget = (s: AppState, target: TargetSettingsInput): Partial<AppState> => {
    const tab = s.tabs[s.activeTabId];
    return tab ? { tabs: { ...s.tabs, [tab.id]: { ...tab, target } } } : {};
  };
  return {
    connectivity: undefined,
    setConnectivity: (connectivity) => set({ connectivity }),
    setTarget: (patch) => set((s) => setActiveTarget(s, { ...activeTarget(s), ...patch })),
    applyTarget: (target) => {
      rememberTarget(target);
      set((s) => setActiveTarget(s, target));
    },
    adoptDefaultTarget: (target) =>
      set((s) => {
        const lacking = Object.values(s.tabs).filter((t) => !t.target.address.trim());
        if (lacking.length === 0) return {};
        const tabs = { ...s.tabs };
        for (const tab of lacking) tabs[tab.id] = { ...tab, target };
        return { tabs };
      }),
  };
};
