export { useAppStore, type AppState } from './store';
export { IDLE, type Loadable } from './schema-slice';
export {
  enabledMetadata,
  followSavedFile,
  isDirty,
  savedMethodName,
  savedRequestFromTab,
  shortName,
  tabFromSavedRequest,
  tabFingerprint,
  tabMethodName,
  tabTitle,
  shownResponsePart,
  type CallSummary,
  type ResponsePart,
  type MetadataRow,
  type RequestTab,
} from './tabs-model';
export { type OpenWorkspace, type SaveConflict, type SidebarView } from './workspace-slice';
export { callLog, createCallLog, dropCallLog } from './call-logs';
export { TimelineLog, type TimelineRow, type RowKind } from './timeline-log';
export { rememberTarget, rememberedTarget } from './target-slice';
export { detailsKey, targetKey, environmentFor, EMPTY_TARGET } from './target-key';
export { activeMethodDetails, activeSchema, activeTarget, activeTargetKey } from './selectors';
