import type { StateCreator } from 'zustand';
import type { AppState } from './store';

/** Whether the open workspace's scripts run: its script files, and whether its folder is trusted. */
export interface ScriptsStatus {
  root: string;
  trusted: boolean;
  files: string[];
}

export interface ScriptsSlice {
  scriptsStatus: ScriptsStatus | undefined;
  /** Folders whose trust banner the user put away for this session. */
  trustBannerDismissed: string[];
  /** What the request panel shows: the body or the request's script. */
  requestPart: 'body' | 'script';
  setScriptsStatus: (status: ScriptsStatus | undefined) => void;
  dismissTrustBanner: (root: string) => void;
  setRequestPart: (part: 'body' | 'script') => void;
}

export const createScriptsSlice: StateCreator<AppState, [], [], ScriptsSlice> = (set) => ({
  scriptsStatus: undefined,
  trustBannerDismissed: [],
  requestPart: 'body',
  setScriptsStatus: (scriptsStatus) => set({ scriptsStatus }),
  dismissTrustBanner: (root) => set((s) => ({ trustBannerDismissed: [...s.trustBannerDismissed, root] })),
  setRequestPart: (requestPart) => set({ requestPart }),
});
