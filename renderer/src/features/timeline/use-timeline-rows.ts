import { useEffect, useMemo, useReducer } from 'react';
import type { TimelineLog } from '../../state';
import { allRows, DirectionRows, type DirectionFilter, type RowSource } from './row-source';
import { TextSearch } from './text-search';

export interface TimelineFilter {
  direction: DirectionFilter;
  /** Text the message JSON must contain; empty for none. */
  text: string;
}

export interface TimelineRows {
  source: RowSource;
  searching: boolean;
  searchError?: string;
}

/**
 * The rows the timeline shows for a filter, kept current as the call grows (`version`).
 * Direction filters are applied here; text filters are searched by the engine.
 */
export function useTimelineRows(
  callId: string,
  log: TimelineLog,
  version: number,
  filter: TimelineFilter,
): TimelineRows {
  const [searchTick, rerender] = useReducer((n: number) => n + 1, 0);
  const text = filter.text.trim();
  const direction = filter.direction === 'all' ? undefined : filter.direction;

  const search = useMemo(
    () => (text ? new TextSearch(callId, log, text, direction, rerender) : undefined),
    [callId, log, text, direction],
  );
  useEffect(() => () => search?.dispose(), [search]);
  useEffect(() => search?.update(), [search, version]);

  const byDirection = useMemo(
    () => (!text && direction ? new DirectionRows(log, direction) : undefined),
    [log, text, direction],
  );

  // The log is mutable: version and searchTick say when it changed.
  return useMemo(() => {
    void version;
    void searchTick;
    if (search)
      return {
        source: search.rows,
        searching: search.searching,
        ...(search.error ? { searchError: search.error } : {}),
      };
    if (byDirection) return { source: byDirection.update(), searching: false };
    return { source: allRows(log), searching: false };
  }, [log, version, searchTick, search, byDirection]);
}
