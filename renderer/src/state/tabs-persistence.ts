import { z } from 'zod';
import { TargetSettingsSchema } from '../../../shared/model/target';
import { initialTabs, newTab, type RequestTab, type TabsState } from './tabs-model';

/**
 * Last session's tabs: method, body, metadata, deadline, target and script draft; never responses (they can be large and
 * describe a server state that is gone). What is read back may come from another build or a hand
 * edit, so each tab is validated on its own and anything invalid is dropped, never thrown.
 */
const STORAGE_KEY = 'loupe.tabs';
const MAX_TABS = 50;
const MAX_TEXT = 1_000_000;

const RowSchema = z.object({ enabled: z.boolean(), name: z.string().max(MAX_TEXT), value: z.string().max(MAX_TEXT) });
const TabSchema = z.object({
  method: z.string().min(1).max(1000).optional(),
  body: z.string().max(MAX_TEXT).optional(),
  metadata: z.array(z.unknown()).max(200).optional(),
  deadlineSeconds: z.string().max(50).optional(),
  // Validated on its own below: a bad target costs the tab its server, not the tab.
  target: z.unknown().optional(),
  // The saved request a tab is linked to, and what was saved (for the unsaved-changes marker).
  saved: z
    .object({
      root: z.string().min(1).max(4096),
      path: z.string().min(1).max(1000),
      fingerprint: z.string().max(4 * MAX_TEXT),
      version: z.string().max(200).optional(),
    })
    .optional(),
  // A saved request's script as edited in the tab, and the file's text it is compared with.
  script: z.object({ text: z.string().max(MAX_TEXT), saved: z.string().max(MAX_TEXT) }).optional(),
});
const SavedSchema = z.object({
  v: z.literal(1),
  active: z.number().int().nonnegative().optional(),
  tabs: z.array(z.unknown()),
});

export function parseSavedTabs(raw: string | null, newId: () => string): TabsState | undefined {
  if (!raw) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const saved = SavedSchema.safeParse(json);
  if (!saved.success) return undefined;
  const tabs: RequestTab[] = [];
  for (const item of saved.data.tabs.slice(0, MAX_TABS)) {
    const parsed = TabSchema.safeParse(item);
    if (!parsed.success) continue;
    const { method, body, metadata = [], deadlineSeconds = '' } = parsed.data;
    // A tab without a valid target gets the default target at start-up (see adoptDefaultTarget).
    const target = TargetSettingsSchema.safeParse(parsed.data.target);
    const tab = newTab(newId(), method, method ? body : undefined, target.success ? target.data : undefined);
    tab.deadlineSeconds = deadlineSeconds;
    if (parsed.data.saved) tab.saved = parsed.data.saved;
    if (parsed.data.saved && parsed.data.script) tab.script = parsed.data.script;
    for (const row of metadata) {
      const r = RowSchema.safeParse(row);
      if (r.success) tab.metadata.push({ id: newId(), ...r.data });
    }
    tabs.push(tab);
  }
  if (tabs.length === 0) return undefined;
  const active = tabs[Math.min(saved.data.active ?? 0, tabs.length - 1)] ?? tabs[0]!;
  return { tabs: Object.fromEntries(tabs.map((t) => [t.id, t])), order: tabs.map((t) => t.id), activeTabId: active.id };
}

export function serializeTabs(state: TabsState): string {
  const tabs = state.order.flatMap((id) => {
    const t = state.tabs[id];
    if (!t) return [];
    return {
      method: t.method,
      body: t.body,
      metadata: t.metadata.map(({ enabled, name, value }) => ({ enabled, name, value })),
      deadlineSeconds: t.deadlineSeconds,
      target: t.target.address.trim() ? t.target : undefined,
      saved: t.saved,
      ...(t.saved && t.script ? { script: t.script } : {}),
    };
  });
  return JSON.stringify({ v: 1, active: Math.max(0, state.order.indexOf(state.activeTabId)), tabs });
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // access can throw where storage is disabled
  }
}

export function restoreTabs(newId: () => string): TabsState {
  let raw: string | null = null;
  try {
    raw = storage()?.getItem(STORAGE_KEY) ?? null;
  } catch {
    raw = null;
  }
  return parseSavedTabs(raw, newId) ?? initialTabs(newId);
}

let lastSaved: string | undefined;

export function saveTabs(state: TabsState): void {
  const text = serializeTabs(state);
  if (text === lastSaved) return;
  try {
    storage()?.setItem(STORAGE_KEY, text);
    lastSaved = text;
  } catch {
    // Storage full or disabled: the tabs still work for this session.
  }
}
