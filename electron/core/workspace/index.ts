export {
  WorkspaceStore,
  environmentVersion,
  requestVersion,
  workspaceFileVersion,
  type WorkspaceContent,
} from './workspace-store';
export { defaultSecretStore, type SecretStore } from './secrets';
export { WorkspaceLocalState } from './local-state';
export {
  environmentScope,
  resolveRequestAt,
  resolveTemplateNow,
  templateAt,
  absolutizeTarget,
  secretStatus,
  type SecretSources,
} from './resolve';
export { SecretMask } from './secret-mask';
