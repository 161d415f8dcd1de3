import type { StateCreator } from 'zustand';
import type { AppState } from './store';

export interface MetadataRow {
  id: string;
  enabled: boolean;
  name: string;
  value: string;
}

export interface EditorSlice {
  /** Request body text per method, as the user typed it. */
  bodies: Record<string, string>;
  metadata: MetadataRow[];
  /** Deadline in seconds as typed; empty means none. */
  deadlineSeconds: string;
  setBody(method: string, text: string): void;
  setMetadata(rows: MetadataRow[]): void;
  setDeadlineSeconds(value: string): void;
}

export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set) => ({
  bodies: {},
  metadata: [],
  deadlineSeconds: '',
  setBody: (method, text) => set((s) => ({ bodies: { ...s.bodies, [method]: text } })),
  setMetadata: (metadata) => set({ metadata }),
  setDeadlineSeconds: (deadlineSeconds) => set({ deadlineSeconds }),
});
