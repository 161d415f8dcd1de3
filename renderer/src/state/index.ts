export { useAppStore, type AppState } from './store';
export type { Loadable } from './schema-slice';
export type { MetadataRow } from './editor-slice';
export type { CallSummary } from './call-slice';
export { callEvents, appendCallEvents, createCallBuffer, dropCallBuffer } from './call-buffers';
export { rememberTarget, rememberedTarget } from './target-slice';
