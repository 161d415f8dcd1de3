export { useAppStore, type AppState } from './store';
export { IDLE, type Loadable } from './schema-slice';
export { shortName, type CallSummary, type MetadataRow, type RequestTab } from './tabs-model';
export { callEvents, appendCallEvents, createCallBuffer, dropCallBuffer } from './call-buffers';
export { rememberTarget, rememberedTarget } from './target-slice';
export { detailsKey, targetKey, EMPTY_TARGET } from './target-key';
export { activeMethodDetails, activeSchema, activeTarget, activeTargetKey } from './selectors';
