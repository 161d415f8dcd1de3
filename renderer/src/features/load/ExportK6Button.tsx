import { useState } from 'react';
import { toErrorData, type ErrorData } from '../../../../shared/model/errors';
import type { LoadPlanInput } from '../../../../shared/model/load';
import { api, workspaceEnvironment } from '../../api';
import { activeTarget, useAppStore } from '../../state';
import { saveK6Files } from './run-files';

/**
 * Exports a plan as a k6 script (with the proto files it loads) for the active tab's target, to
 * run on k6's own runners when one machine is no longer enough. `plan` is undefined while the
 * form has errors.
 */
export function ExportK6Button({ plan, onInvalid }: { plan: LoadPlanInput | undefined; onInvalid?: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ErrorData | undefined>();
  const run = async (): Promise<void> => {
    if (!plan) return onInvalid?.();
    setBusy(true);
    setProblem(undefined);
    try {
      const s = useAppStore.getState();
      const files = await api().request('load.exportK6', { target: activeTarget(s), ...workspaceEnvironment(s), plan });
      saveK6Files(files, plan.request && 'method' in plan.request ? plan.request.method : 'request');
    } catch (error) {
      setProblem(toErrorData(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        onClick={() => void run()}
        disabled={busy}
        title="Save this test as a k6 script to run on k6"
      >
        {busy ? 'Exporting…' : 'Export to k6'}
      </button>
      {problem && (
        <span className="load-error" role="alert">
          The k6 export failed: {problem.message}
        </span>
      )}
    </>
  );
}
