export {
  HistoryStore,
  DEFAULT_HISTORY_LIMITS,
  summarize,
  type HistoryLimits,
  type NewHistoryEntry,
} from './history-store';
export {
  createHistoryRecorder,
  MAX_MESSAGES_PER_ENTRY,
  MAX_MESSAGE_CHARS,
  type HistoryRecorder,
  type RecordedRequest,
} from './recorder';
