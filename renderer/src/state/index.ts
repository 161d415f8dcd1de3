export { useAppStore, type AppState } from './store';
export type { Loadable } from './schema-slice';
export { shortName, type CallSummary, type MetadataRow, type RequestTab } from './tabs-model';
export { callEvents, appendCallEvents, createCallBuffer, dropCallBuffer } from './call-buffers';
export { rememberTarget, rememberedTarget } from './target-slice';
