export { CollectionsView } from './CollectionsView';
export { EnvironmentSwitcher } from './EnvironmentSwitcher';
export { RequestMenu } from './RequestMenu';
export { SaveAsHost } from './SaveAsHost';
export { SaveConflictHost } from './SaveConflictHost';
export { Sidebar } from './SidebarSwitch';
export { useWorkspaceAtStart } from './use-workspace-at-start';
