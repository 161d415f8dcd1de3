export { startMockServer, type MockServer, type MockServerOptions, type MockTls } from './mock-server';
export { loadRules, type LoadedRules } from './load-rules';
export { RECORDED, recordingHandlers } from './record-proxy';
export { RuleFileWriter, ruleFileName } from './record-file';
export { DEFAULT_RULE } from './answer-plan';
export type { MockCallEntry } from './call-log';
