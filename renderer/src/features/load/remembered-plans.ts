import { z } from 'zod';
import type { RequestTab } from '../../state';
import { DEFAULT_DRAFT, PlanDraftSchema, type PlanDraft } from './plan-form';

/**
 * The last plan of each request, so a second run is one click: kept in the page's storage, keyed
 * by the saved request (its workspace and path) or, for an unsaved tab, by method and address.
 * What is read back may come from another build or a hand edit: anything invalid is dropped.
 */
const STORAGE_KEY = 'loupe.loadPlans';
/** Plans kept; the least recently used go first. */
export const MAX_REMEMBERED = 100;

const StoredSchema = z.array(z.tuple([z.string().max(10_000), z.unknown()])).max(MAX_REMEMBERED * 2);

export function planKey(tab: Pick<RequestTab, 'method' | 'saved' | 'target'>): string {
  return tab.saved
    ? `saved\n${tab.saved.root}\n${tab.saved.path}`
    : `method\n${tab.method ?? ''}\n${tab.target.address}`;
}

function readAll(storage: Storage): Array<[string, PlanDraft]> {
  let json: unknown;
  try {
    json = JSON.parse(storage.getItem(STORAGE_KEY) ?? '[]');
  } catch {
    return [];
  }
  const parsed = StoredSchema.safeParse(json);
  if (!parsed.success) return [];
  const plans: Array<[string, PlanDraft]> = [];
  for (const [key, value] of parsed.data) {
    // A draft from an older build lacks newer fields: they take their defaults.
    const draft = PlanDraftSchema.safeParse({ ...DEFAULT_DRAFT, ...(value as object) });
    if (draft.success) plans.push([key, draft.data]);
  }
  return plans;
}

/** The plan last used for this request, or the defaults. */
export function rememberedPlan(key: string, storage: Storage = localStorage): PlanDraft {
  return readAll(storage).find(([k]) => k === key)?.[1] ?? DEFAULT_DRAFT;
}

/** Keeps `draft` as the request's plan, most recent last, at most MAX_REMEMBERED. */
export function rememberPlan(key: string, draft: PlanDraft, storage: Storage = localStorage): void {
  const plans = readAll(storage).filter(([k]) => k !== key);
  plans.push([key, draft]);
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(plans.slice(-MAX_REMEMBERED)));
  } catch {
    // Storage full or refused: the plan is still used for this run, only not remembered.
  }
}
