import type { StateCreator } from 'zustand';
import { TargetSettingsSchema, type ConnectivityState, type TargetSettingsInput } from '../../../shared/model/target';
import type { AppState } from './store';

export interface TargetSlice {
  target: TargetSettingsInput;
  setTarget(patch: Partial<TargetSettingsInput>): void;
  /** Replace every connection and schema setting at once and remember them for the next start. */
  applyTarget(target: TargetSettingsInput): void;
  /** The channel's state for the target whose schema was last loaded; undefined before that. */
  connectivity: ConnectivityState | undefined;
  setConnectivity(state: ConnectivityState | undefined): void;
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

export const createTargetSlice: StateCreator<AppState, [], [], TargetSlice> = (set) => ({
  target: { address: '' },
  connectivity: undefined,
  setConnectivity: (connectivity) => set({ connectivity }),
  setTarget: (patch) => set((s) => ({ target: { ...s.target, ...patch } })),
  applyTarget: (target) => {
    rememberTarget(target);
    set({ target });
  },
});
