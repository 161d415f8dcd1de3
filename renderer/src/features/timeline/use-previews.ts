import { useEffect, useReducer, useRef } from 'react';
import { api } from '../../api';
import type { TimelineLog } from '../../state';

/** Characters of JSON a row shows; enough to fill a wide row. */
const PREVIEW_CHARS = 300;
/** At most this many messages per request: rows between two shown rows may be fetched too. */
const MAX_SPAN = 500;

/**
 * Fetches the one-line previews of the message rows on screen that the log has no preview for
 * (a fast stream's messages arrive without JSON). One request in flight; re-renders when it lands.
 */
export function usePreviews(callId: string, log: TimelineLog, visiblePositions: number[]): void {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const inFlight = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const key = visiblePositions.join(',');

  useEffect(() => {
    if (inFlight.current) return;
    const missing = visiblePositions.filter((p) => log.preview(p) === undefined);
    if (missing.length === 0) return;
    const from = Math.min(...missing);
    const to = Math.min(Math.max(...missing), from + MAX_SPAN - 1);
    inFlight.current = true;
    api()
      .request('call.messages', { callId, from, count: to - from + 1, preview: PREVIEW_CHARS })
      .then(
        (page) => {
          for (const m of page.messages) log.setPreview(m.position, m.json);
          // Messages the engine no longer keeps get a placeholder, so they are not asked for again.
          for (const p of missing) if (p < page.first) log.setPreview(p, '');
        },
        () => {
          for (const p of missing) log.setPreview(p, '');
        },
      )
      .finally(() => {
        inFlight.current = false;
        // Also when the rows on screen changed meanwhile: the next render asks for theirs.
        if (mounted.current) rerender();
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the visible positions
  }, [callId, log, key]);
}
