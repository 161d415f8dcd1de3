import { AppError, toErrorData } from '../../../shared/model/errors';
import { CancelSignal } from '../../../shared/protocol/cancel';
import type { SchemaSummary } from '../../../shared/model/schema';
import {
  activeTarget,
  detailsKey,
  environmentFor,
  flagsForTabs,
  rememberTarget,
  savedFlagKey,
  tabMethodName,
  targetKey,
  useAppStore,
} from '../state';
import { api } from './client';

/** The schema loads the UI is waiting for, by target key, so the user can stop waiting. */
const pendingLoads = new Map<string, CancelSignal>();

/**
 * Loads (or reloads) the active tab's target's schema into the store, under that target's key:
 * every tab on the same target sees the result, and a load still running when the user switches
 * tabs lands where it belongs.
 */
export async function loadSchema(refresh = false): Promise<void> {
  const target = activeTarget(useAppStore.getState());
  const key = targetKey(target);
  const previous = useAppStore.getState().schemas[key];
  useAppStore.getState().setSchema(key, { status: 'loading' });
  pendingLoads.get(key)?.cancel('superseded');
  const signal = new CancelSignal();
  pendingLoads.set(key, signal);
  try {
    const summary = await api().request('schema.load', { target, refresh, ...environmentFor(target) }, { signal });
    rememberTarget(target);
    useAppStore.getState().setSchema(key, { status: 'ready', value: summary });
    if (summary.changes) noteSchemaChanges(key, previous?.status === 'ready' ? previous.value : undefined, summary);
  } catch (error) {
    // A cancelled load leaves the target as if never loaded; a superseded one leaves the store to its successor.
    if (error instanceof AppError && error.code === 'CANCELLED') {
      if (signal.reason !== 'superseded') useAppStore.getState().setSchema(key, { status: 'idle' });
    } else useAppStore.getState().setSchema(key, { status: 'error', error: toErrorData(error) });
  } finally {
    if (pendingLoads.get(key) === signal) pendingLoads.delete(key);
  }
}

/**
 * Stops waiting for the active target's schema. The engine's load itself runs on (it is shared
 * by every tab on that target and bounded by the reflection deadline), but nobody waits for it.
 */
export function cancelSchemaLoad(): void {
  const key = targetKey(activeTarget(useAppStore.getState()));
  pendingLoads.get(key)?.cancel('cancelled by the user');
}

/**
 * Loads the active tab's schema unless its target's is already loaded or loading: used when
 * another tab is shown, so a tab restored on another server gets its schema without a Reflect.
 */
export function ensureSchema(): Promise<void> {
  const state = useAppStore.getState();
  const target = activeTarget(state);
  if (!target.address.trim() || state.schemas[targetKey(target)]) return Promise.resolve();
  return loadSchema();
}

/** Opens a method: in the current tab while it is untouched, else in a new tab. */
export async function openMethod(fullName: string): Promise<void> {
  useAppStore.getState().openMethodInTab(fullName);
  await loadMethodDetails(fullName);
}

/**
 * Fetches what the editor needs for a method of the active tab's target (once per schema load)
 * and gives tabs still waiting for its template that template. Restored tabs call this too.
 */
export async function loadMethodDetails(fullName: string): Promise<void> {
  const state = useAppStore.getState();
  const target = activeTarget(state);
  const key = targetKey(target);
  const known = state.methodDetails[detailsKey(key, fullName)];
  if (known?.status === 'ready') state.fillTemplate(key, fullName, known.value.template);
  if (known && known.status !== 'error') return;
  state.setMethodDetails(key, fullName, { status: 'loading' });
  try {
    const details = await api().request('schema.method', { target, method: fullName, ...environmentFor(target) });
    const now = useAppStore.getState();
    now.setMethodDetails(key, fullName, { status: 'ready', value: details });
    now.fillTemplate(key, fullName, details.template);
  } catch (error) {
    useAppStore.getState().setMethodDetails(key, fullName, { status: 'error', error: toErrorData(error) });
  }
}

/** After a refresh that changed something: the notice, and the open tabs on that target it affects. */
function noteSchemaChanges(key: string, before: SchemaSummary | undefined, after: SchemaSummary): void {
  const s = useAppStore.getState();
  if (!after.changes) return;
  const tabs = Object.values(s.tabs).filter((t) => targetKey(t.target) === key);
  // Saved requests on the same target, open or not, so the collection tree can flag them too.
  const ws = s.workspace;
  const saved = Object.entries(ws?.requests ?? {}).flatMap(([path, request]) => {
    const target = typeof request.target === 'string' ? ws?.settings.targets?.[request.target] : request.target;
    return ws && target && targetKey(target) === key
      ? [{ id: savedFlagKey(ws.root, path), method: tabMethodName(request.method) }]
      : [];
  });
  s.setSchemaChanges(
    { targetKey: key, report: after.changes },
    flagsForTabs([...tabs, ...saved], before, after, after.changes),
  );
}
