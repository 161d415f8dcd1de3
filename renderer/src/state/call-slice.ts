import type { StateCreator } from 'zustand';
import type { CallStatus } from '../../../shared/model/call';
import type { ErrorData } from '../../../shared/model/errors';
import type { AppState } from './store';

export interface CallSummary {
  callId: string;
  method: string;
  phase: 'running' | 'finished';
  /** Bumped whenever the call's event buffer grows. */
  version: number;
  sent: number;
  received: number;
  startedAt: number;
  durationMs?: number;
  status?: CallStatus;
  /** A failure before the call could start or of the connection to the engine. */
  error?: ErrorData;
}

export interface CallSlice {
  currentCall: CallSummary | undefined;
  setCurrentCall(call: CallSummary | undefined): void;
  updateCurrentCall(callId: string, patch: Partial<CallSummary>): void;
}

export const createCallSlice: StateCreator<AppState, [], [], CallSlice> = (set) => ({
  currentCall: undefined,
  setCurrentCall: (currentCall) => set({ currentCall }),
  updateCurrentCall: (callId, patch) =>
    set((s) => (s.currentCall?.callId === callId ? { currentCall: { ...s.currentCall, ...patch } } : {})),
});
