import type { StateCreator } from 'zustand';
import type { AppState } from './store';

export interface UiSlice {
  paletteOpen: boolean;
  /** Show default-valued fields in responses (re-read from the engine, not re-sent). */
  showDefaults: boolean;
  setShowDefaults(show: boolean): void;
  setPaletteOpen(open: boolean): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  paletteOpen: false,
  showDefaults: false,
  setShowDefaults: (showDefaults) => set({ showDefaults }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
});
