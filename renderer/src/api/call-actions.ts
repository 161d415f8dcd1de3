import type { CallEvent } from '../../../shared/model/call';
import type { CallKind } from '../../../shared/model/schema';
import { AppError, toErrorData } from '../../../shared/model/errors';
import type { Subscription } from '../../../shared/protocol/client';
import { parsePositive } from '../../../shared/text';
import { createCallLog, dropCallLog, enabledMetadata, scriptToSend, useAppStore, type RequestTab } from '../state';
import { api } from './client';
import { frameThrottle } from './frame-throttle';
import { flushBody } from './format-actions';
import { abandonLoad } from './load-actions';

/**
 * Each tab's open engine subscription. It lives here rather than in the store because it is a
 * live handle, not data: a tab owns at most one, which is cancelled when the tab sends again or
 * closes, while calls of other tabs keep running.
 */
const openSubscriptions = new Map<string, { callId: string; subscription: Subscription }>();

function parseDeadline(text: string): number | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const ms = parsePositive(trimmed, 1000);
  if (ms === undefined) {
    throw new AppError('VALIDATION', `Deadline must be a positive number of seconds, not '${trimmed}'`);
  }
  return ms;
}

/** How often a running call's counts and rows reach React (see frameThrottle). */
const REDRAW_SPACING = { minIntervalMs: 50, maxIntervalMs: 250, costFactor: 4 };

/** Starts a call of a tab's method (the active tab's by default) with its body, metadata and deadline. */
export function sendCall(tabId: string = useAppStore.getState().activeTabId): void {
  const state = useAppStore.getState();
  const tab = state.tabs[tabId];
  const method = tab?.method;
  if (!tab || !method) return;
  abandonCall(tabId);
  if (tab.call) forgetCall(tab.call.callId);

  const callId = crypto.randomUUID();
  const log = createCallLog(callId, state.keepMessages);
  const startedAt = Date.now();
  // Someone working on a request's tests sees the next call's tests too.
  const keepTests = tab.call?.shownPart === 'tests' ? { shownPart: 'tests' as const } : {};
  state.setTabCall(tabId, {
    callId,
    method,
    phase: 'running',
    startedAt,
    ...keepTests,
  });

  let deadlineMs: number | undefined;
  try {
    deadlineMs = parseDeadline(tab.deadlineSeconds);
  } catch (error) {
    state.updateTabCall(tabId, callId, { phase: 'finished', error: (error as AppError).toData() });
    return;
  }

  let kind: CallKind | undefined;
  const publish = (): void => {
    log.publish();
    // The store hears only of what changes the call's shape, a few times per call.
    const shown = useAppStore.getState().tabs[tabId]?.call;
    if (shown?.callId !== callId) return;
    if (shown.kind === kind && shown.status === log.status && Boolean(shown.halfClosed) === log.halfClosed) return;
    useAppStore.getState().updateTabCall(tabId, callId, {
      status: log.status,
      halfClosed: log.halfClosed,
      ...(kind ? { kind } : {}),
    });
  };
  // A fast stream is redrawn at most 20 times a second, and less when a redraw is costly (a slow
  // or busy machine): redraws then take about a fifth of the window's time, at least 4 a second,
  // so the messages and the user keep the rest.
  const publishing = frameThrottle(publish, REDRAW_SPACING);
  // Rows drawn at a publish get their previews a moment later, in a frame of their own that cost
  // about half as much again: counted with the publish, redraws keep to their share of the time.
  log.onLaterRedraw = (ms, frameTime) => publishing.addCost(ms, frameTime);
  const body = tab.body ?? '{}';
  const subscription = api().subscribe(
    'call.open',
    {
      target: tab.target, // each tab calls its own server
      callId,
      method,
      messages: [body],
      metadata: enabledMetadata(tab.metadata),
      deadlineMs,
      keep: state.keepMessages,
      // With a workspace open, its active environment fills {{variables}}; a saved tab tags its history entry.
      ...(state.workspace
        ? { environment: { root: state.workspace.root, name: state.workspace.activeEnvironment } }
        : {}),
      ...(tab.saved && tab.saved.root === state.workspace?.root ? savedRequestInput(tab) : {}),
    },
    {
      onEvents: (events: CallEvent[]) => {
        // The log takes every batch at once (and credit goes back at once); the store, and so
        // React, hears about it at most once per redraw, however many batches arrived meanwhile.
        log.append(events);
        const started = events.find((e) => e.type === 'started');
        if (started?.type === 'started') kind = started.kind;
        publishing.request();
      },
      onEnd: (error) => {
        publishing.flush(); // the last counts, before the call is marked finished
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
  rememberSent(tabId, body);
}

/**
 * A saved tab's call names its request (for its history entry and scripts) and runs the script
 * as the editor holds it while that differs from the saved file.
 */
function savedRequestInput(tab: RequestTab): { requestPath: string; script?: string } {
  const script = scriptToSend(tab.script);
  return { requestPath: tab.saved!.path, ...(script !== undefined ? { script } : {}) };
}

const SENT_HISTORY = 50;

/** Keeps the texts a tab sent, newest last and without repeats, to resend or edit. */
function rememberSent(tabId: string, text: string): void {
  const tab = useAppStore.getState().tabs[tabId];
  if (!tab) return;
  const history = (tab.sentHistory ?? []).filter((t) => t !== text);
  history.push(text);
  useAppStore.getState().updateTab(tabId, { sentHistory: history.slice(-SENT_HISTORY) });
}

/** The running call of a tab, if it is a stream the client may still write to. */
function writableCall(tabId: string): string | undefined {
  const call = useAppStore.getState().tabs[tabId]?.call;
  const writable = call?.kind === 'client_streaming' || call?.kind === 'bidi_streaming';
  return call?.phase === 'running' && writable && !call.halfClosed ? call.callId : undefined;
}

export function canSendOnStream(tabId: string = useAppStore.getState().activeTabId): boolean {
  return writableCall(tabId) !== undefined;
}

/**
 * Sends one more message on a tab's open client or bidi stream (the tab's editor text by
 * default). A message the engine refuses (bad JSON, schema mismatch) is shown on the tab and
 * the call goes on.
 */
export async function sendOnStream(tabId: string = useAppStore.getState().activeTabId, text?: string): Promise<void> {
  const callId = writableCall(tabId);
  const message = text ?? useAppStore.getState().tabs[tabId]?.body ?? '{}';
  if (!callId) return;
  useAppStore.getState().updateTabCall(tabId, callId, { sendError: undefined });
  try {
    await api().request('call.send', { callId, message });
    rememberSent(tabId, message);
  } catch (error) {
    useAppStore.getState().updateTabCall(tabId, callId, { sendError: toErrorData(error) });
  }
}

/**
 * Ctrl/Cmd+Enter: the next message on an open client or bidi stream, otherwise a new call
 * (unless one is still running on the tab).
 */
export function submit(tabId: string = useAppStore.getState().activeTabId): void {
  // A body edited in text format sends once its JSON is up to date, and not while its text is wrong.
  const flushing = flushBody(tabId);
  if (flushing) {
    void flushing.then((ready) => ready && submitNow(tabId));
    return;
  }
  submitNow(tabId);
}

function submitNow(tabId: string): void {
  if (canSendOnStream(tabId)) void sendOnStream(tabId);
  else if (useAppStore.getState().tabs[tabId]?.call?.phase !== 'running') sendCall(tabId);
}

/** Ends the client side of a tab's open stream: the server sees the end of the requests. */
export async function halfCloseStream(tabId: string = useAppStore.getState().activeTabId): Promise<void> {
  const callId = writableCall(tabId);
  if (!callId) return;
  try {
    await api().request('call.halfClose', { callId });
  } catch (error) {
    useAppStore.getState().updateTabCall(tabId, callId, { sendError: toErrorData(error) });
  }
}

/**
 * Cancels a tab's running call as the user asked (the active tab's by default); other tabs' calls
 * go on. The engine cancels it and the call ends as any call does, so its CANCELLED status shows
 * in the badge and the timeline as it does in History.
 */
export function cancelCall(tabId: string = useAppStore.getState().activeTabId): void {
  const open = openSubscriptions.get(tabId);
  if (!open) return;
  api()
    .request('call.cancel', { callId: open.callId })
    .catch((error: unknown) => {
      // The engine could not be asked (its connection is gone): stop listening, say why.
      if (openSubscriptions.get(tabId) !== open) return;
      abandonCall(tabId);
      const call = useAppStore.getState().tabs[tabId]?.call;
      if (call?.callId === open.callId && call.phase === 'running') {
        useAppStore.getState().updateTabCall(tabId, call.callId, {
          phase: 'finished',
          durationMs: Date.now() - call.startedAt,
          error: {
            code: 'CANCELLED',
            message: `Cancelled; the engine did not confirm it: ${toErrorData(error).message}`,
          },
        });
      }
    });
}

/** Stops a tab's running call without waiting for its end: the tab sends again or closes. */
function abandonCall(tabId: string): void {
  const open = openSubscriptions.get(tabId);
  if (!open) return;
  openSubscriptions.delete(tabId);
  open.subscription.cancel();
}

/** Closes a tab: its running call is cancelled and its events are let go. */
export function closeTab(tabId: string = useAppStore.getState().activeTabId): void {
  const tab = useAppStore.getState().tabs[tabId];
  if (!tab) return;
  abandonCall(tabId);
  if (tab.call) forgetCall(tab.call.callId);
  // A closing tab's load test ends with it; its run keeps what was measured.
  abandonLoad(tabId);
  useAppStore.getState().setLoadRun(tabId, undefined);
  useAppStore.getState().removeTab(tabId);
}

/** Lets go of a call's timeline here and of its kept messages in the engine. */
function forgetCall(callId: string): void {
  dropCallLog(callId);
  // Best effort: the engine also forgets everything when the connection closes.
  api()
    .request('call.release', { callId })
    .catch(() => undefined);
}
