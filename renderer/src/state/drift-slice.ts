import type { StateCreator } from 'zustand';
import {
  DEFAULT_DRIFT_CATEGORY,
  type DriftCategory,
  type DriftReport,
  type SnapshotFile,
} from '../../../shared/model/drift';
import type { ErrorData } from '../../../shared/model/errors';
import type { AppState } from './store';

/** What the current target is compared with: .proto files or folders, a snapshot, another server. */
export type DriftOtherKind = 'protos' | 'snapshot' | 'target';

export type DriftResult =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; report: DriftReport }
  | { status: 'error'; error: ErrorData };

export interface DriftState {
  otherKind: DriftOtherKind;
  /** What the user typed or picked for each kind, kept while switching between them. */
  protos: string;
  snapshot: string;
  address: string;
  category: DriftCategory;
  result: DriftResult;
  /** The open workspace's snapshots, as last listed. */
  snapshots: SnapshotFile[];
  /** The outcome of the last "Save snapshot", in words. */
  saveNote: { ok: boolean; text: string } | undefined;
}

/** What the last schema refresh that changed something changed, for the target it refreshed. */
export interface SchemaChangeNotice {
  targetKey: string;
  report: DriftReport;
}

export interface DriftSlice {
  drift: DriftState;
  updateDrift: (patch: Partial<DriftState>) => void;
  schemaChanges: SchemaChangeNotice | undefined;
  /** Why open tabs may no longer fit their refreshed schema, by tab id (see flagsForTabs). */
  schemaFlags: Record<string, string[]>;
  setSchemaChanges: (notice: SchemaChangeNotice | undefined, flags?: Record<string, string[]>) => void;
}

export const createDriftSlice: StateCreator<AppState, [], [], DriftSlice> = (set) => ({
  drift: {
    otherKind: 'protos',
    protos: '',
    snapshot: '',
    address: '',
    category: DEFAULT_DRIFT_CATEGORY,
    result: { status: 'idle' },
    snapshots: [],
    saveNote: undefined,
  },
  updateDrift: (patch) => set((s) => ({ drift: { ...s.drift, ...patch } })),
  schemaChanges: undefined,
  schemaFlags: {},
  // New flags join those still standing: a tab flagged by an earlier refresh stays flagged.
  setSchemaChanges: (notice, flags = {}) =>
    set((s) => ({ schemaChanges: notice, schemaFlags: { ...s.schemaFlags, ...flags } })),
});
