export { api, initApi } from './client';
export { measureNextFrame } from './frame-throttle';
export { cancelSchemaLoad, ensureSchema, loadSchema, loadMethodDetails, openMethod } from './schema-actions';
export { sendCall, cancelCall, closeTab, canSendOnStream, sendOnStream, halfCloseStream, submit } from './call-actions';
export {
  clearHistory,
  closeWorkspace,
  createFolder,
  deleteEnvironment,
  deleteItem,
  duplicateItem,
  exportCollection,
  importCollection,
  lastWorkspaceRoot,
  listHistory,
  moveItem,
  openHistoryEntry,
  openSavedRequest,
  openUnsavedRequest,
  openWorkspace,
  reloadEnvironments,
  renameItem,
  saveEnvironment,
  saveTab,
  saveTabAs,
  selectEnvironment,
  setSecret,
} from './workspace-actions';
export { pickFiles, useNativeFileDialogs, type PickRequest } from './host-files';
export { compareDrift, listSnapshots, revealSymbol, saveDriftSnapshot } from './drift-actions';
export { methodForSymbol } from './drift-symbols';
export {
  approveSnapshot,
  forgetScriptValues,
  loadTabScripts,
  refreshScriptsStatus,
  scriptValues,
  trustWorkspace,
  type OuterScript,
} from './script-actions';
export { workspaceEnvironment } from './workspace-environment';
export { convertMessage, decodePastedBytes, messageTypes, registerBodyFlush } from './format-actions';
export { abandonLoad, startLoad, stopLoad } from './load-actions';
export { loadMessageForm } from './form-actions';
export { historyResponse } from './history-compare';
