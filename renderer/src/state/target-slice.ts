import type { StateCreator } from 'zustand';
import type { TargetSettingsInput } from '../../../shared/model/target';
import type { AppState } from './store';

export interface TargetSlice {
  target: TargetSettingsInput;
  setTarget(patch: Partial<TargetSettingsInput>): void;
}

const LAST_TARGET_KEY = 'loupe.lastTarget';

export function rememberedTarget(): TargetSettingsInput | undefined {
  try {
    const raw = localStorage.getItem(LAST_TARGET_KEY);
    return raw ? (JSON.parse(raw) as TargetSettingsInput) : undefined;
  } catch {
    return undefined;
  }
}

export function rememberTarget(target: TargetSettingsInput): void {
  localStorage.setItem(LAST_TARGET_KEY, JSON.stringify(target));
}

export const createTargetSlice: StateCreator<AppState, [], [], TargetSlice> = (set) => ({
  target: { address: '' },
  setTarget: (patch) => set((s) => ({ target: { ...s.target, ...patch } })),
});
