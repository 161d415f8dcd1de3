import type { StateCreator } from 'zustand';
import type { AppState } from './store';

/** One side of a comparison: what it is (for the user) and its JSON text. */
export interface CompareSide {
  label: string;
  text: string;
}

export interface CompareSlice {
  /** The side chosen first ("Compare…"), waiting for the one to compare it with. */
  compareFirst: CompareSide | undefined;
  /** The two sides the Diff view shows, when it is open. */
  comparePair: [CompareSide, CompareSide] | undefined;
  /** Fields left out of both sides before diffing, as the user typed them (kept for the session). */
  compareIgnore: string;
  /** The first side, or with one chosen, the second: the Diff view opens. */
  chooseForCompare: (side: CompareSide) => void;
  openCompare: (left: CompareSide, right: CompareSide) => void;
  closeCompare: () => void;
  forgetCompareChoice: () => void;
  setCompareIgnore: (text: string) => void;
}

export const createCompareSlice: StateCreator<AppState, [], [], CompareSlice> = (set, get) => ({
  compareFirst: undefined,
  comparePair: undefined,
  compareIgnore: '',
  chooseForCompare: (side) => {
    const first = get().compareFirst;
    if (first) set({ compareFirst: undefined, comparePair: [first, side] });
    else set({ compareFirst: side });
  },
  openCompare: (left, right) => set({ compareFirst: undefined, comparePair: [left, right] }),
  closeCompare: () => set({ comparePair: undefined }),
  forgetCompareChoice: () => set({ compareFirst: undefined }),
  setCompareIgnore: (compareIgnore) => set({ compareIgnore }),
});
