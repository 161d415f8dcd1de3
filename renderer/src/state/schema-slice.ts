import type { StateCreator } from 'zustand';
import type { MethodDetails } from '../../../shared/contract';
import type { ErrorData } from '../../../shared/model/errors';
import type { SchemaSummary } from '../../../shared/model/schema';
import type { AppState } from './store';

export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: ErrorData };

export interface SchemaSlice {
  schema: Loadable<SchemaSummary>;
  serviceFilter: string;
  /** The active tab's method, kept in step by the tabs slice (the service tree highlights it). */
  selectedMethod: string | undefined;
  methodDetails: Record<string, Loadable<MethodDetails>>;
  setSchema(schema: Loadable<SchemaSummary>): void;
  setServiceFilter(filter: string): void;
  setMethodDetails(fullName: string, details: Loadable<MethodDetails>): void;
}

export const createSchemaSlice: StateCreator<AppState, [], [], SchemaSlice> = (set) => ({
  schema: { status: 'idle' },
  serviceFilter: '',
  selectedMethod: undefined,
  methodDetails: {},
  setSchema: (schema) => set({ schema, methodDetails: {} }),
  setServiceFilter: (serviceFilter) => set({ serviceFilter }),
  setMethodDetails: (fullName, details) => set((s) => ({ methodDetails: { ...s.methodDetails, [fullName]: details } })),
});
