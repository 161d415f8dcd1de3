import type { CallEvent, MetadataEntry } from '../../../shared/model/call';
import type { TargetSettings } from '../../../shared/model/target';
import type { HistoryEntry } from '../../../shared/model/workspace';
import { withoutLiteralPassword } from '../net/proxy-url';
import type { SecretMask } from '../workspace/secret-mask';
import type { HistoryStore, NewHistoryEntry } from './history-store';

/** Bounds per entry: enough to recognise and reopen a call, never a whole stream. */
export const MAX_MESSAGES_PER_ENTRY = 20;
const MAX_MESSAGE_CHARS = 16 * 1024;

/**
 * A call as the user wrote it, before its environment was applied: {{variables}} in place,
 * relative paths as given. Never the substituted values, so no secret reaches the history.
 */
export interface RecordedRequest {
  target: TargetSettings;
  method: string;
  metadata: MetadataEntry[];
  /** The message texts as typed, sent as the call starts. */
  messages: string[];
  /** The address dialled, when variables changed it (masked like everything recorded). */
  resolvedAddress?: string;
  environment?: string;
  deadlineMs?: number;
  workspace?: string;
  requestPath?: string;
}

export interface HistoryRecorder {
  /** Feed it every event of the call, in order; it appends the entry when the status arrives. */
  onEvent(event: CallEvent): void;
  /** A message typed later on a stream, once it has been sent. */
  sent(text: string): void;
  /** Resolves with the appended entry (or undefined if the call never reached a status). */
  readonly recorded: Promise<HistoryEntry | undefined>;
}

export interface RecorderOptions {
  /** Masks secret values that came back some other way (a server echoing one, an error quoting one). */
  mask: SecretMask;
  /** A failure to write history is reported here and never fails the call. */
  onError?: (err: unknown) => void;
}

/**
 * Records one call into the history: its request as written (see RecordedRequest) and, from its
 * event log, the first responses and the outcome. The call path stays unchanged: pass
 * `recorder.onEvent` alongside the existing listener.
 */
export function createHistoryRecorder(
  history: HistoryStore,
  request: RecordedRequest,
  { mask, onError = () => undefined }: RecorderOptions,
): HistoryRecorder {
  let at = Date.now();
  const requests: string[] = [];
  const responses: string[] = [];
  let responseCount = 0;
  let truncated = false;
  let error: string | undefined;
  let tests: HistoryEntry['tests'];
  let done = false;
  let settle!: (entry: HistoryEntry | undefined) => void;
  const recorded = new Promise<HistoryEntry | undefined>((resolve) => (settle = resolve));

  // Reads an event's JSON only while there is room: the engine may produce it lazily, and a fast
  // stream must not pay for rendering messages the history will not keep.
  const keep = (list: string[], event: { json?: string }) => {
    if (list.length >= MAX_MESSAGES_PER_ENTRY) return void (truncated = true);
    if (event.json === undefined) return void (truncated = true);
    // Masked before it is cut: a secret across the cut would otherwise keep its first half.
    const json = mask.text(event.json);
    if (json.length > MAX_MESSAGE_CHARS) truncated = true;
    list.push(json.length > MAX_MESSAGE_CHARS ? json.slice(0, MAX_MESSAGE_CHARS) : json);
  };
  for (const text of request.messages) keep(requests, { json: text });

  return {
    recorded,
    sent(text) {
      if (!done) keep(requests, { json: text });
    },
    onEvent(event) {
      if (done) return;
      switch (event.type) {
        case 'started':
          at = event.at;
          break;
        case 'received':
          responseCount++;
          keep(responses, event);
          break;
        case 'error':
          error = event.hint ? `${event.message} ${event.hint}` : event.message;
          break;
        case 'tests': {
          const failures = event.summary.tallies
            .filter((t) => t.failed)
            .slice(0, MAX_MESSAGES_PER_ENTRY)
            .map((t) => ({
              name: t.name,
              message: t.firstFailure?.message ?? 'failed',
              ...(t.firstFailure?.index !== undefined ? { index: t.firstFailure.index } : {}),
            }));
          tests = { passed: event.summary.passed, failed: event.summary.failed, failures };
          break;
        }
        case 'status': {
          done = true;
          const { code, name, message } = event.status;
          const entry: NewHistoryEntry = {
            at,
            durationMs: Math.round(event.t),
            workspace: request.workspace,
            requestPath: request.requestPath,
            environment: request.environment,
            // A password typed into the proxy URL is a secret the history must not keep.
            target: request.target.proxy
              ? { ...request.target, proxy: withoutLiteralPassword(request.target.proxy) }
              : request.target,
            resolvedAddress: request.resolvedAddress !== request.target.address ? request.resolvedAddress : undefined,
            method: request.method,
            metadata: request.metadata,
            deadlineMs: request.deadlineMs,
            requests,
            status: { code, name, message },
            error,
            responses,
            responseCount,
            truncated,
            ...(tests ? { tests } : {}),
          };
          history
            // Messages were masked as they were kept; masking them twice could mask a mask.
            .append({ ...mask.value({ ...entry, requests: [], responses: [] }), requests, responses })
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
