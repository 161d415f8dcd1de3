import { useMemo, useState } from 'react';
import { parsePositive } from '../../../../shared/text';
import { enabledMetadata, type RequestTab } from '../../state';
import { planFromDraft, type PlanDraft, type PlanResult } from './plan-form';
import { rememberedPlan, rememberPlan } from './remembered-plans';

/**
 * The Load form of one request (mount it with `key={planKey(tab)}`): its draft, starting from the
 * request's last plan and remembered as it is edited, and the plan it makes with the tab's request.
 */
export function usePlanDraft(key: string, tab: RequestTab, template: string | undefined, streaming: boolean) {
  const [draft, setDraft] = useState<PlanDraft>(() => rememberedPlan(key));
  const result: PlanResult = useMemo(() => {
    // A deadline the tab cannot parse is the tab's to fix; the load test then uses the default.
    const deadlineMs = tab.deadlineSeconds.trim() ? parsePositive(tab.deadlineSeconds, 1000) : undefined;
    return planFromDraft(draft, {
      request: {
        method: tab.method ?? '',
        body: tab.body ?? template ?? '{}',
        metadata: enabledMetadata(tab.metadata),
      },
      streaming,
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    });
  }, [draft, tab.method, tab.body, tab.metadata, tab.deadlineSeconds, template, streaming]);
  const change = (next: PlanDraft): void => {
    setDraft(next);
    rememberPlan(key, next);
  };
  return { draft, change, result };
}
