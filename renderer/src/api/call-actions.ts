import type { CallEvent } from '../../../shared/model/call';
import { AppError } from '../../../shared/model/errors';
import type { Subscription } from '../../../shared/protocol/client';
import { appendCallEvents, createCallBuffer, dropCallBuffer, useAppStore, type MetadataRow } from '../state';
import { api } from './client';

let openSubscription: Subscription | undefined;

function parseDeadline(text: string): number | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const seconds = Number(trimmed);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new AppError('VALIDATION', `Deadline must be a positive number of seconds, not '${trimmed}'`);
  }
  return Math.round(seconds * 1000);
}

const enabledMetadata = (rows: MetadataRow[]) =>
  rows.filter((r) => r.enabled && r.name.trim()).map((r) => ({ name: r.name.trim().toLowerCase(), value: r.value }));

/** Starts a call of the selected method with the editor's body; events go to the call buffer. */
export function sendCall(): void {
  const state = useAppStore.getState();
  const method = state.selectedMethod;
  if (!method) return;
  cancelCall();
  const previous = state.currentCall;
  if (previous) dropCallBuffer(previous.callId);

  const callId = crypto.randomUUID();
  createCallBuffer(callId);
  const startedAt = Date.now();
  state.setCurrentCall({ callId, method, phase: 'running', version: 0, sent: 0, received: 0, startedAt });

  let deadlineMs: number | undefined;
  try {
    deadlineMs = parseDeadline(state.deadlineSeconds);
  } catch (error) {
    state.updateCurrentCall(callId, { phase: 'finished', error: (error as AppError).toData() });
    return;
  }

  let version = 0;
  let sent = 0;
  let received = 0;
  openSubscription = api().subscribe(
    'call.open',
    {
      target: state.target,
      callId,
      method,
      messages: [state.bodies[method] ?? '{}'],
      metadata: enabledMetadata(state.metadata),
      deadlineMs,
    },
    {
      onEvents: (events: CallEvent[]) => {
        appendCallEvents(callId, events);
        let status = useAppStore.getState().currentCall?.status;
        for (const event of events) {
          if (event.type === 'sent') sent++;
          else if (event.type === 'received') received++;
          else if (event.type === 'status') status = event.status;
        }
        version++;
        // One store update per batch, however many events it carried.
        useAppStore.getState().updateCurrentCall(callId, { version, sent, received, status });
      },
      onEnd: (error) => {
        openSubscription = undefined;
        useAppStore.getState().updateCurrentCall(callId, {
          phase: 'finished',
          durationMs: Date.now() - startedAt,
          ...(error ? { error } : {}),
        });
      },
    },
  );
}

export function cancelCall(): void {
  const subscription = openSubscription;
  if (!subscription) return;
  openSubscription = undefined;
  subscription.cancel();
  const call = useAppStore.getState().currentCall;
  if (call?.phase === 'running') {
    useAppStore.getState().updateCurrentCall(call.callId, {
      phase: 'finished',
      durationMs: Date.now() - call.startedAt,
      error: { code: 'CANCELLED', message: 'Cancelled by you' },
    });
  }
}
