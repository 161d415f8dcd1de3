export { useAppStore, type AppState } from './store';
export {
  enabledMetadata,
  followSavedFile,
  isDirty,
  newTab,
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
export { type SidebarView } from './workspace-slice';
export { type DriftOtherKind, type DriftResult, type DriftState, type SchemaChangeNotice } from './drift-slice';
export { flagsForTabs, savedFlagKey } from './schema-flags';
export { callLog, createCallLog, dropCallLog } from './call-logs';
export { useLogValue, useLogVersion } from './use-call-log';
export { TimelineLog, type TimelineRow } from './timeline-log';
export { rememberTarget, rememberedTarget } from './target-slice';
export { detailsKey, targetKey, environmentFor } from './target-key';
export { activeMethodDetails, activeSchema, activeTarget, activeTargetKey } from './selectors';
export { followScriptFile, scriptChanged, scriptToSend, type ScriptDraft } from './script-draft';
export { type ScriptsStatus } from './scripts-slice';
export { withPoints, MAX_LIVE_POINTS, type LoadRunView } from './load-slice';
export { type CallScripts, type ScriptLog } from './call-scripts';
export type { CompareSide } from './compare-slice';
export { type WindowDialog } from './ui-slice';
