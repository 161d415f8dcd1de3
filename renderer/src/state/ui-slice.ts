import type { StateCreator } from 'zustand';
import type { AppState } from './store';

export interface UiSlice {
  paletteOpen: boolean;
  setPaletteOpen(open: boolean): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  paletteOpen: false,
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
});
