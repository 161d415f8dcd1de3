import { useEffect, useState } from 'react';
import { toErrorData, type ErrorData } from '../../../../shared/model/errors';
import type { LoadRunSummary } from '../../../../shared/model/load';
import { api } from '../../api';
import { useAppStore } from '../../state';

export type KeptRuns =
  { status: 'loading' } | { status: 'ready'; runs: LoadRunSummary[] } | { status: 'error'; error: ErrorData };

/** The open workspace's kept runs (or those made without one), newest first, read again when they change. */
export function useKeptRuns(): { root: string | null; kept: KeptRuns } {
  const root = useAppStore((s) => s.workspace?.root ?? null);
  const version = useAppStore((s) => s.keptRunsVersion);
  const [kept, setKept] = useState<KeptRuns>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    api()
      .request('load.runs', { root })
      .then(
        (runs) => live && setKept({ status: 'ready', runs }),
        (error: unknown) => live && setKept({ status: 'error', error: toErrorData(error) }),
      );
    return () => {
      live = false;
    };
  }, [root, version]);
  return { root, kept };
}

/** Whether a kept run is of the tab's request: the same saved request, else the same method. */
export function isOfRequest(run: LoadRunSummary, request: { method?: string; requestPath?: string }): boolean {
  if (request.requestPath && run.requestPath) return run.requestPath === request.requestPath;
  const bare = (m: string): string => m.replace(/^\//, '').replace('/', '.');
  return request.method !== undefined && bare(run.method) === bare(request.method);
}
