import type { CallStatus } from '../../../shared/model/call';
import type { CallKind } from '../../../shared/model/schema';
import type { ErrorData } from '../../../shared/model/errors';
import type { TargetSettingsInput } from '../../../shared/model/target';
import { EMPTY_TARGET } from './target-key';

export interface MetadataRow {
  id: string;
  enabled: boolean;
  name: string;
  value: string;
}

/** What the store knows about a tab's call; its timeline lives in call-logs, keyed by callId. */
export interface CallSummary {
  callId: string;
  method: string;
  /** Known once the engine started the call. */
  kind?: CallKind;
  phase: 'running' | 'finished';
  /** The client side ended (client and bidi streams: no more messages can be sent). */
  halfClosed?: boolean;
  /** Bumped whenever the call's timeline grows. */
  version: number;
  sent: number;
  received: number;
  startedAt: number;
  durationMs?: number;
  status?: CallStatus;
  /** A failure before the call could start or of the connection to the engine. */
  error?: ErrorData;
  /** The last message the user tried to send on the open stream was refused. */
  sendError?: ErrorData;
}

export interface RequestTab {
  id: string;
  /** Fully-qualified method name; undefined for a new, empty tab. */
  method: string | undefined;
  /** Body text as the user typed it; undefined until the method's template arrives. */
  body: string | undefined;
  metadata: MetadataRow[];
  /** Deadline in seconds as typed; empty means none. */
  deadlineSeconds: string;
  /** The tab's last call, if any. */
  call: CallSummary | undefined;
  /** Messages sent on this tab's streams, newest last, to resend or edit. */
  sentHistory?: string[];
  /** Where this tab's calls go and where its schema comes from; each tab has its own. */
  target: TargetSettingsInput;
}

export interface TabsState {
  tabs: Record<string, RequestTab>;
  order: string[];
  activeTabId: string;
}

export type TabEdit = Partial<Pick<RequestTab, 'body' | 'metadata' | 'deadlineSeconds' | 'sentHistory'>>;

export function newTab(id: string, method?: string, body?: string, target: TargetSettingsInput = EMPTY_TARGET): RequestTab {
  return { id, method, body, metadata: [], deadlineSeconds: '', call: undefined, target };
}

export function initialTabs(newId: () => string, target?: TargetSettingsInput): TabsState {
  const tab = newTab(newId(), undefined, undefined, target);
  return { tabs: { [tab.id]: tab }, order: [tab.id], activeTabId: tab.id };
}

/**
 * A tab may be reused for another method while the user has put nothing of theirs in it: no call
 * made, and the body is still the template (or has not arrived). `template` is the tab's method's
 * template when known.
 */
export function isUntouched(tab: RequestTab, template: string | undefined): boolean {
  if (tab.call) return false;
  if (tab.method === undefined || tab.body === undefined) return true;
  return template !== undefined && tab.body === template;
}

/**
 * Opens `method` in the active tab if it is untouched, else in a new tab right after it.
 * `template` is the method's template when already known; `templateOf` looks up the active tab's.
 */
export function openMethodIn(
  state: TabsState,
  method: string,
  template: string | undefined,
  templateOf: (method: string) => string | undefined,
  newId: () => string,
): TabsState {
  const active = state.tabs[state.activeTabId];
  if (active?.method === method) return state;
  if (active && isUntouched(active, active.method ? templateOf(active.method) : undefined)) {
    const reused: RequestTab = { ...active, method, body: template };
    return { ...state, tabs: { ...state.tabs, [active.id]: reused } };
  }
  // A new tab talks to the same server as the tab it was opened from.
  return addTab(state, newTab(newId(), method, template, active?.target));
}

/** Adds a tab right after the active one and shows it. */
export function addTab(state: TabsState, tab: RequestTab): TabsState {
  const at = state.order.indexOf(state.activeTabId);
  const order = [...state.order];
  order.splice(at < 0 ? order.length : at + 1, 0, tab.id);
  return { tabs: { ...state.tabs, [tab.id]: tab }, order, activeTabId: tab.id };
}

/**
 * Closes a tab. Closing the shown tab shows its right neighbour (or the left one at the end), as
 * browsers do; closing the last tab leaves one new empty tab so there is always a request to edit.
 */
export function closeTabIn(state: TabsState, id: string, newId: () => string): TabsState {
  const at = state.order.indexOf(id);
  if (at < 0) return state;
  const order = state.order.filter((t) => t !== id);
  const tabs = { ...state.tabs };
  delete tabs[id];
  // The replacement empty tab keeps the closed tab's server, so closing everything does not lose it.
  if (order.length === 0) return initialTabs(newId, state.tabs[id]?.target);
  const activeTabId = state.activeTabId === id ? (order[Math.min(at, order.length - 1)] ?? order[0]!) : state.activeTabId;
  return { tabs, order, activeTabId };
}

export function shortName(method: string | undefined): string {
  if (!method) return 'New tab';
  return method.slice(method.lastIndexOf('.') + 1);
}
