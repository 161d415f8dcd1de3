import type { CallEvent, CallStatus } from '../../../shared/model/call';
import { AppError } from '../../../shared/model/errors';
import type { Subscription } from '../../../shared/protocol/client';
import { appendCallEvents, createCallBuffer, dropCallBuffer, useAppStore, type MetadataRow } from '../state';
import { api } from './client';

/**
 * Each tab's open engine subscription. It lives here rather than in the store because it is a
 * live handle, not data: a tab owns at most one, which is cancelled when the tab sends again or
 * closes, while calls of other tabs keep running.
 */
const openSubscriptions = new Map<string, { callId: string; subscription: Subscription }>();

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

/** Starts a call of a tab's method (the active tab's by default) with its body, metadata and deadline. */
export function sendCall(tabId: string = useAppStore.getState().activeTabId): void {
  const state = useAppStore.getState();
  const tab = state.tabs[tabId];
  const method = tab?.method;
  if (!tab || !method) return;
  cancelCall(tabId);
  if (tab.call) forgetCall(tab.call.callId);

  const callId = crypto.randomUUID();
  createCallBuffer(callId);
  const startedAt = Date.now();
  state.setTabCall(tabId, { callId, method, phase: 'running', version: 0, sent: 0, received: 0, startedAt });

  let deadlineMs: number | undefined;
  try {
    deadlineMs = parseDeadline(tab.deadlineSeconds);
  } catch (error) {
    state.updateTabCall(tabId, callId, { phase: 'finished', error: (error as AppError).toData() });
    return;
  }

  let version = 0;
  let sent = 0;
  let received = 0;
  let status: CallStatus | undefined;
  const subscription = api().subscribe(
    'call.open',
    {
      target: tab.target, // each tab calls its own server
      callId,
      method,
      messages: [tab.body ?? '{}'],
      metadata: enabledMetadata(tab.metadata),
      deadlineMs,
    },
    {
      onEvents: (events: CallEvent[]) => {
        appendCallEvents(callId, events);
        for (const event of events) {
          if (event.type === 'sent') sent++;
          else if (event.type === 'received') received++;
          else if (event.type === 'status') status = event.status;
        }
        version++;
        // One store update per batch, however many events it carried.
        useAppStore.getState().updateTabCall(tabId, callId, { version, sent, received, status });
      },
      onEnd: (error) => {
        if (openSubscriptions.get(tabId)?.callId === callId) openSubscriptions.delete(tabId);
        useAppStore.getState().updateTabCall(tabId, callId, {
          phase: 'finished',
          durationMs: Date.now() - startedAt,
          ...(error ? { error } : {}),
        });
      },
    },
  );
  openSubscriptions.set(tabId, { callId, subscription });
}

/** Cancels a tab's running call (the active tab's by default); other tabs' calls go on. */
export function cancelCall(tabId: string = useAppStore.getState().activeTabId): void {
  const open = openSubscriptions.get(tabId);
  if (!open) return;
  openSubscriptions.delete(tabId);
  open.subscription.cancel();
  const call = useAppStore.getState().tabs[tabId]?.call;
  if (call?.callId === open.callId && call.phase === 'running') {
    useAppStore.getState().updateTabCall(tabId, call.callId, {
      phase: 'finished',
      durationMs: Date.now() - call.startedAt,
      error: { code: 'CANCELLED', message: 'Cancelled by you' },
    });
  }
}

/** Closes a tab: its running call is cancelled and its events are let go. */
export function closeTab(tabId: string = useAppStore.getState().activeTabId): void {
  const tab = useAppStore.getState().tabs[tabId];
  if (!tab) return;
  cancelCall(tabId);
  if (tab.call) forgetCall(tab.call.callId);
  useAppStore.getState().removeTab(tabId);
}

/** Lets go of a call's events here and of its kept messages in the engine. */
function forgetCall(callId: string): void {
  dropCallBuffer(callId);
  // Best effort: the engine also forgets everything when the connection closes.
  api()
    .request('call.release', { callId })
    .catch(() => undefined);
}
