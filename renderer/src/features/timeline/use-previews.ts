import { useEffect, useReducer, useRef } from 'react';
import { api, measureNextFrame } from '../../api';
import type { TimelineLog } from '../../state';
import { PreviewFetcher } from './preview-fetcher';

/** Characters of JSON a row shows; enough to fill a wide row. */
const PREVIEW_CHARS = 300;

/**
 * Fetches the one-line previews of the message rows on screen that the log has no preview for
 * (a fast stream's messages arrive without JSON), and re-renders when they land. The fetcher
 * keeps asking until the rows on screen have theirs, whatever the timing (see PreviewFetcher).
 */
export function usePreviews(callId: string, log: TimelineLog, visiblePositions: number[]): void {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const fetcher = useRef<PreviewFetcher | undefined>(undefined);

  // One fetcher per call shown; that of a call no longer shown drops its late answers.
  useEffect(() => {
    const next = new PreviewFetcher(
      log,
      (from, count) => api().request('call.messages', { callId, from, count, preview: PREVIEW_CHARS }),
      () => {
        rerender();
        measureNextFrame((ms, frameTime) => log.onLaterRedraw?.(ms, frameTime));
      },
    );
    fetcher.current = next;
    return () => next.dispose();
  }, [callId, log]);

  // Runs after the effect above (same order as declared), so a new call's rows go to its fetcher.
  const key = visiblePositions.join(',');
  useEffect(() => {
    fetcher.current?.want(visiblePositions);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the visible positions
  }, [callId, log, key]);
}
