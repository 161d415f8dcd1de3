import type { MethodDetails } from '../../../shared/contract';
import type { SchemaSummary } from '../../../shared/model/schema';
import { IDLE, type Loadable } from './schema-slice';
import type { AppState } from './store';
import { detailsKey, targetKey } from './target-key';
import { activeTarget } from './target-slice';

/** Selectors for what the header, sidebar and editor show: always the active tab's target. */
export { activeTarget };

export const activeTargetKey = (s: AppState): string => targetKey(activeTarget(s));

/** The active tab's target's schema; idle until it is loaded (or while an address is typed). */
export const activeSchema = (s: AppState): Loadable<SchemaSummary> => s.schemas[activeTargetKey(s)] ?? IDLE;

export const activeMethodDetails = (s: AppState, method: string): Loadable<MethodDetails> | undefined =>
  s.methodDetails[detailsKey(activeTargetKey(s), method)];
