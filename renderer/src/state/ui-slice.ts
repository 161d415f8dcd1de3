import type { StateCreator } from 'zustand';
import { DEFAULT_KEEP_MESSAGES, KEEP_LIMITS } from '../../../shared/model/keep';
import type { AppState } from './store';

/** The window's dialogs a shortcut or the palette can open, wherever their button lives. */
export type WindowDialog = 'shortcuts' | 'connection-settings' | 'environments';

export interface UiSlice {
  paletteOpen: boolean;
  /** The window dialog shown now, if any. */
  windowDialog: WindowDialog | undefined;
  /** The first-run hint (the demo's first call, the shortcuts) was dismissed; remembered across starts. */
  firstRunHintDismissed: boolean;
  /** Show default-valued fields in responses (re-read from the engine, not re-sent). */
  showDefaults: boolean;
  /** Messages kept per call, in the timeline and in the engine; older ones are let go. */
  keepMessages: number;
  /** How the request body is shown and edited (an id of the body views: JSON, Form...); holds across tabs. */
  bodyView: string;
  setBodyView: (view: string) => void;
  setShowDefaults: (show: boolean) => void;
  setPaletteOpen: (open: boolean) => void;
  setWindowDialog: (dialog: WindowDialog | undefined) => void;
  dismissFirstRunHint: () => void;
  setKeepMessages: (keep: number) => void;
}

const KEEP_KEY = 'loupe.keepMessages';
const FIRST_RUN_HINT_KEY = 'loupe.firstRunHintDismissed';

function savedFlag(key: string): boolean {
  return typeof localStorage !== 'undefined' && localStorage.getItem(key) === '1';
}

function savedKeep(): number {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEEP_KEY);
  const n = Number(saved);
  return saved && Number.isInteger(n) && n >= KEEP_LIMITS.min && n <= KEEP_LIMITS.max ? n : DEFAULT_KEEP_MESSAGES;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  paletteOpen: false,
  windowDialog: undefined,
  firstRunHintDismissed: savedFlag(FIRST_RUN_HINT_KEY),
  showDefaults: false,
  keepMessages: savedKeep(),
  bodyView: 'json',
  setBodyView: (bodyView) => set({ bodyView }),
  setShowDefaults: (showDefaults) => set({ showDefaults }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setWindowDialog: (windowDialog) => set({ windowDialog }),
  dismissFirstRunHint: () => {
    localStorage.setItem(FIRST_RUN_HINT_KEY, '1');
    set({ firstRunHintDismissed: true });
  },
  setKeepMessages: (keep) => {
    const keepMessages = Math.min(KEEP_LIMITS.max, Math.max(KEEP_LIMITS.min, Math.round(keep)));
    localStorage.setItem(KEEP_KEY, String(keepMessages));
    set({ keepMessages });
  },
});
