export {
  WorkspaceStore,
  environmentVersion,
  requestVersion,
  workspaceFileVersion,
  type WorkspaceContent,
} from './workspace-store';
export { watchWorkspace, type WorkspaceWatcher } from './watcher';
export { FileSecretStore, defaultSecretStore, secretEnvName, type SecretStore, type SecretCodec } from './secrets';
export { WorkspaceLocalState } from './local-state';
export { environmentScope, resolveRequestAt, absolutizeTarget, secretStatus, type SecretSources } from './resolve';
export { SecretMask } from './secret-mask';
