import type { StateCreator } from 'zustand';
import type { MethodDetails } from '../../../shared/contract';
import type { ErrorData } from '../../../shared/model/errors';
import type { SchemaSummary } from '../../../shared/model/schema';
import type { AppState } from './store';
import { detailsKey } from './target-key';

export type Loadable<T> =
  { status: 'idle' } | { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: ErrorData };

export interface SchemaSlice {
  /**
   * One schema per distinct target (keyed by targetKey), so tabs on the same server share one
   * load and switching tabs shows the other tab's schema at once.
   */
  schemas: Record<string, Loadable<SchemaSummary>>;
  serviceFilter: string;
  /** The active tab's method, kept in step by the tabs slice (the service tree highlights it). */
  selectedMethod: string | undefined;
  /** Keyed by detailsKey(targetKey, method): the same method name may differ between servers. */
  methodDetails: Record<string, Loadable<MethodDetails>>;
  /** Sets a target's schema; a new load forgets that target's method details (they may be stale). */
  setSchema: (key: string, schema: Loadable<SchemaSummary>) => void;
  setServiceFilter: (filter: string) => void;
  setMethodDetails: (key: string, fullName: string, details: Loadable<MethodDetails>) => void;
}

export const IDLE: Loadable<never> = Object.freeze({ status: 'idle' });

export const createSchemaSlice: StateCreator<AppState, [], [], SchemaSlice> = (set) => ({
  schemas: {},
  serviceFilter: '',
  selectedMethod: undefined,
  methodDetails: {},
  setSchema: (key, schema) =>
    set((s) => {
      const prefix = detailsKey(key, '');
      const methodDetails = Object.fromEntries(Object.entries(s.methodDetails).filter(([k]) => !k.startsWith(prefix)));
      return { schemas: { ...s.schemas, [key]: schema }, methodDetails };
    }),
  setServiceFilter: (serviceFilter) => set({ serviceFilter }),
  setMethodDetails: (key, fullName, details) =>
    set((s) => ({ methodDetails: { ...s.methodDetails, [detailsKey(key, fullName)]: details } })),
});
