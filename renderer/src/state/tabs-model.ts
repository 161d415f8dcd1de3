import type { CallStatus } from '../../../shared/model/call';
import { AppError } from '../../../shared/model/errors';
import { isAtOrInside, itemName, WORKSPACE_FORMAT_VERSION, type SavedRequest } from '../../../shared/model/workspace';
import { bodyToText, textToStoredBody } from '../../../shared/workspace/json-file';
import type { CallKind } from '../../../shared/model/schema';
import type { ErrorData } from '../../../shared/model/errors';
import type { TargetSettingsInput } from '../../../shared/model/target';
import { scriptChanged, type ScriptDraft } from './script-draft';
import { EMPTY_TARGET, targetKey } from './target-key';

export interface MetadataRow {
  id: string;
  enabled: boolean;
  name: string;
  value: string;
}

/** The rows a call sends: enabled, named, names trimmed and lower-cased as gRPC wants them; `value` maps each value. */
export function enabledMetadata(
  rows: readonly MetadataRow[],
  value: (text: string) => string = (text) => text,
): Array<{ name: string; value: string }> {
  return rows
    .filter((r) => r.enabled && r.name.trim())
    .map((r) => ({ name: r.name.trim().toLowerCase(), value: value(r.value) }));
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
  // Its counts and rows are in its TimelineLog (call-logs.ts), which views watch themselves: a
  // fast stream's redraws then leave the store, and everything that reads the call, alone.
  startedAt: number;
  durationMs?: number;
  status?: CallStatus;
  /** A failure before the call could start or of the connection to the engine. */
  error?: ErrorData;
  /** The last message the user tried to send on the open stream was refused. */
  sendError?: ErrorData;
  /** The part of the response the user picked for this call; the next call opens on its default. */
  shownPart?: ResponsePart;
}

export type ResponsePart = 'timeline' | 'response' | 'tests' | 'headers' | 'trailers' | 'details';

/** What a call's response shows: the part picked for it, else streams their timeline, else the response. */
export function shownResponsePart(call: CallSummary): ResponsePart {
  if (call.shownPart) return call.shownPart;
  return call.kind !== undefined && call.kind !== 'unary' ? 'timeline' : 'response';
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
  /** Set while the tab is linked to a saved request of a workspace. */
  saved?: SavedLink;
  /** The saved request's own script as edited here; undefined until first read from its file. */
  script?: ScriptDraft;
}

export interface TabsState {
  tabs: Record<string, RequestTab>;
  order: string[];
  activeTabId: string;
}

export type TabEdit = Partial<Pick<RequestTab, 'body' | 'metadata' | 'deadlineSeconds' | 'sentHistory' | 'script'>>;

export function newTab(
  id: string,
  method?: string,
  body?: string,
  target: TargetSettingsInput = EMPTY_TARGET,
): RequestTab {
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
  const activeTabId =
    state.activeTabId === id ? (order[Math.min(at, order.length - 1)] ?? order[0]!) : state.activeTabId;
  return { tabs, order, activeTabId };
}

export function shortName(method: string | undefined): string {
  if (!method) return 'New tab';
  return method.slice(method.lastIndexOf('.') + 1);
}

/** Where a tab was saved, and a fingerprint of what was saved there (for the unsaved-changes dot). */
export interface SavedLink {
  /** The workspace folder. */
  root: string;
  /** The request's path inside the collection, e.g. 'users/Get user'. */
  path: string;
  fingerprint: string;
  /**
   * The version of the file that fingerprint stands for (the engine's, from a load, a change or
   * a save). A save names it, so a file changed on disk since is never silently overwritten.
   * Absent for tabs restored from before versions were kept: they adopt one when their content
   * matches the file (see followSavedFile).
   */
  version?: string;
}

/**
 * What "unsaved changes" compares: method, body, metadata rows, deadline and target. The target
 * goes through targetKey so a target restored with its defaults filled in compares equal.
 */
export function tabFingerprint(tab: RequestTab): string {
  return JSON.stringify([
    tab.method ?? '',
    tab.body ?? '',
    tab.metadata.map((r) => [r.enabled, r.name, r.value]),
    tab.deadlineSeconds.trim(),
    targetKey(tab.target),
  ]);
}

/**
 * The tab strip asks on every store update (a stream's batches too), so the last fingerprint of
 * each tab is reused while its parts are the very same values (edits replace them, never mutate).
 */
const lastFingerprint = new Map<string, { parts: unknown[]; fingerprint: string }>();

export function isDirty(tab: RequestTab): boolean {
  if (!tab.saved) return false;
  if (scriptChanged(tab.script)) return true;
  const parts = [tab.method, tab.body, tab.metadata, tab.deadlineSeconds, tab.target];
  const cached = lastFingerprint.get(tab.id);
  let fingerprint = cached && cached.parts.every((p, i) => p === parts[i]) ? cached.fingerprint : undefined;
  if (fingerprint === undefined) {
    fingerprint = tabFingerprint(tab);
    if (lastFingerprint.size > 500) lastFingerprint.clear(); // closed tabs' entries
    lastFingerprint.set(tab.id, { parts, fingerprint });
  }
  return fingerprint !== tab.saved.fingerprint;
}

export function tabTitle(tab: Pick<RequestTab, 'method' | 'saved'> | undefined): string {
  return tab?.saved ? itemName(tab.saved.path) : shortName(tab?.method);
}

/**
 * Marks a tab as saved at `path` as `version`. `fingerprint` is what was saved, by default the tab's
 * current content; a save passes the content it sent, so edits typed while it was on its way keep
 * the tab marked as unsaved.
 */
export function linkTab(
  tab: RequestTab,
  root: string,
  path: string,
  version?: string,
  fingerprint?: string,
): RequestTab {
  const saved: SavedLink = {
    root,
    path,
    fingerprint: fingerprint ?? '',
    ...(version !== undefined ? { version } : {}),
  };
  const linked = { ...tab, saved };
  if (fingerprint === undefined) saved.fingerprint = tabFingerprint(linked);
  return linked;
}

/**
 * A linked tab meets its file as last read from disk (a load, or a change made by a git pull or
 * an editor). Same content: the tab only learns the file's version. Other content: a tab without
 * unsaved changes shows the file; one with unsaved changes keeps them and its old version, so
 * saving it is refused as a conflict instead of overwriting the file. Answers `tab` itself when
 * nothing changes (an echo of the tab's own save).
 */
export function followSavedFile(
  tab: RequestTab,
  request: SavedRequest,
  version: string,
  targets: Record<string, TargetSettingsInput>,
  newId: () => string,
): RequestTab {
  const saved = tab.saved;
  if (!saved || saved.version === version) return tab;
  const fresh = tabFromSavedRequest(tab.id, saved, request, targets, newId, version);
  if (fresh.saved?.fingerprint === saved.fingerprint) return { ...tab, saved: { ...saved, version } };
  if (isDirty(tab)) return tab;
  return { ...fresh, call: tab.call };
}

/** Follows a rename or move: tabs saved at `from` (or inside the folder `from`) now point into `to`. */
export function relinkTabs(state: TabsState, root: string, from: string, to: string): TabsState {
  let changed = false;
  const tabs = { ...state.tabs };
  for (const tab of Object.values(state.tabs)) {
    const saved = tab.saved;
    if (!saved || saved.root !== root) continue;
    if (!isAtOrInside(saved.path, from)) continue;
    tabs[tab.id] = { ...tab, saved: { ...saved, path: to + saved.path.slice(from.length) } };
    changed = true;
  }
  return changed ? { ...state, tabs } : state;
}

/** After a delete the tabs stay open but are no longer saved anywhere. */
export function unlinkTabs(state: TabsState, root: string, path: string): TabsState {
  let changed = false;
  const tabs = { ...state.tabs };
  for (const tab of Object.values(state.tabs)) {
    const saved = tab.saved;
    if (!saved || saved.root !== root || !isAtOrInside(saved.path, path)) continue;
    tabs[tab.id] = { ...tab, saved: undefined };
    changed = true;
  }
  return changed ? { ...state, tabs } : state;
}

export function findLinkedTab(state: TabsState, root: string, path: string): RequestTab | undefined {
  return state.order.map((id) => state.tabs[id]).find((t) => t?.saved?.root === root && t.saved.path === path);
}

/** Adds a ready-made tab: in place of the active tab while that is an empty new tab, else after it. */
export function openTabIn(state: TabsState, tab: RequestTab): TabsState {
  const active = state.tabs[state.activeTabId];
  if (active && !active.call && active.method === undefined && !active.saved) {
    const order = state.order.map((id) => (id === active.id ? tab.id : id));
    const tabs = { ...state.tabs, [tab.id]: tab };
    delete tabs[active.id];
    return { tabs, order, activeTabId: tab.id };
  }
  return addTab(state, tab);
}

/** Saved files name methods `pkg.Service/Method`; tabs use the schema's `pkg.Service.Method`. */
export function tabMethodName(saved: string): string {
  return saved.replace(/^\//, '').replace('/', '.');
}
export function savedMethodName(tabMethod: string): string {
  if (tabMethod.includes('/')) return tabMethod.replace(/^\//, '');
  const dot = tabMethod.lastIndexOf('.');
  return dot < 0 ? tabMethod : `${tabMethod.slice(0, dot)}/${tabMethod.slice(dot + 1)}`;
}

/**
 * A tab's request as a saved file: its own target inline, the body (or, for client and bidi
 * streams that sent something, the messages it sent, oldest first), metadata rows and deadline.
 */
export function savedRequestFromTab(tab: RequestTab, streamsClientMessages: boolean): SavedRequest {
  if (!tab.method) throw new AppError('VALIDATION', 'Choose a method before saving the request');
  const request: SavedRequest = {
    version: WORKSPACE_FORMAT_VERSION,
    target: tab.target,
    method: savedMethodName(tab.method),
  };
  const seconds = Number(tab.deadlineSeconds.trim());
  if (tab.deadlineSeconds.trim() && Number.isFinite(seconds) && seconds > 0)
    request.deadlineMs = Math.round(seconds * 1000);
  const rows = tab.metadata.filter((r) => r.name.trim());
  if (rows.length)
    request.metadata = rows.map((r) => ({
      name: r.name.trim(),
      value: r.value,
      ...(r.enabled ? {} : { enabled: false }),
    }));
  if (streamsClientMessages && tab.sentHistory?.length) request.messages = tab.sentHistory.map(textToStoredBody);
  else request.body = textToStoredBody(tab.body ?? '{}');
  return request;
}

/**
 * A saved request opened in a tab linked to it. A named target is looked up in the workspace's
 * targets; saved messages become the tab's sent messages and the first one its body.
 */
export function tabFromSavedRequest(
  id: string,
  link: { root: string; path: string } | undefined,
  request: SavedRequest,
  targets: Record<string, TargetSettingsInput>,
  newId: () => string,
  version?: string,
): RequestTab {
  const target = typeof request.target === 'string' ? (targets[request.target] ?? { address: '' }) : request.target;
  const messages = request.messages?.map(bodyToText);
  const tab = newTab(id, tabMethodName(request.method), messages?.[0] ?? bodyToText(request.body), target);
  if (messages && messages.length) tab.sentHistory = messages;
  tab.metadata = (request.metadata ?? []).map((r) => ({
    id: newId(),
    enabled: r.enabled !== false,
    name: r.name,
    value: r.value,
  }));
  tab.deadlineSeconds = request.deadlineMs !== undefined ? String(request.deadlineMs / 1000) : '';
  return link ? linkTab(tab, link.root, link.path, version) : tab;
}
