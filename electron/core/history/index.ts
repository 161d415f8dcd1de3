export { HistoryStore } from './history-store';
export { createHistoryRecorder, type HistoryRecorder } from './recorder';
