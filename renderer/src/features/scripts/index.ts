export { ScriptTab } from './ScriptTab';
export { TestsPanel, TestsTabLabel } from './TestsPanel';
export { TrustBanner } from './TrustBanner';
