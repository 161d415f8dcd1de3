import type { CallEvent, MetadataEntry } from '../../../shared/model/call';
import type { TargetSettings } from '../../../shared/model/target';
import type { HistoryEntry } from '../../../shared/model/workspace';
import type { HistoryStore } from './history-store';

/** Bounds per entry: enough to recognise and reopen a call, never a whole stream. */
export const MAX_MESSAGES_PER_ENTRY = 20;
export const MAX_MESSAGE_CHARS = 16 * 1024;

export interface RecordedRequest {
  target: TargetSettings;
  method: string;
  metadata: MetadataEntry[];
  deadlineMs?: number;
  workspace?: string;
  requestPath?: string;
}

export interface HistoryRecorder {
  /** Feed it every event of the call, in order; it appends the entry when the status arrives. */
  onEvent(event: CallEvent): void;
  /** Resolves with the appended entry (or undefined if the call never reached a status). */
  readonly recorded: Promise<HistoryEntry | undefined>;
}

/**
 * Records one call into the history from its event log. The call path stays unchanged: pass
 * `recorder.onEvent` alongside the existing listener. A failure to write history is reported to
 * `onError` and never fails the call.
 */
export function createHistoryRecorder(history: HistoryStore, request: RecordedRequest, onError: (err: unknown) => void = () => undefined): HistoryRecorder {
  let at = Date.now();
  const requests: string[] = [];
  const responses: string[] = [];
  let responseCount = 0;
  let truncated = false;
  let error: string | undefined;
  let done = false;
  let settle!: (entry: HistoryEntry | undefined) => void;
  const recorded = new Promise<HistoryEntry | undefined>((resolve) => (settle = resolve));

  // Reads an event's JSON only while there is room: the engine may produce it lazily, and a fast
  // stream must not pay for rendering messages the history will not keep.
  const keep = (list: string[], event: { json?: string }) => {
    if (list.length >= MAX_MESSAGES_PER_ENTRY) return void (truncated = true);
    const json = event.json;
    if (json === undefined) return void (truncated = true);
    if (json.length > MAX_MESSAGE_CHARS) truncated = true;
    list.push(json.length > MAX_MESSAGE_CHARS ? json.slice(0, MAX_MESSAGE_CHARS) : json);
  };

  return {
    recorded,
    onEvent(event) {
      if (done) return;
      switch (event.type) {
        case 'started':
          at = event.at;
          break;
        case 'sent':
          keep(requests, event);
          break;
        case 'received':
          responseCount++;
          keep(responses, event);
          break;
        case 'error':
          error = event.hint ? `${event.message} ${event.hint}` : event.message;
          break;
        case 'status': {
          done = true;
          const { code, name, message } = event.status;
          history
            .append({
              at,
              durationMs: Math.round(event.t),
              workspace: request.workspace,
              requestPath: request.requestPath,
              target: request.target,
              method: request.method,
              metadata: request.metadata,
              deadlineMs: request.deadlineMs,
              requests,
              status: { code, name, message },
              error,
              responses,
              responseCount,
              truncated,
            })
            .then(settle, (err: unknown) => {
              onError(err);
              settle(undefined);
            });
          break;
        }
      }
    },
  };
}
