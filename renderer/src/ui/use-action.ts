import { useState } from 'react';
import { toErrorData, type ErrorData } from '../../../shared/model/errors';

/**
 * Runs an engine action from a button or dialog and keeps its failure as data to show beside it.
 * `run` resolves true when the action succeeded (so a dialog knows it may close).
 */
export function useAction(): {
  error: ErrorData | undefined;
  busy: boolean;
  clear: () => void;
  run(action: () => Promise<unknown>): Promise<boolean>;
} {
  const [error, setError] = useState<ErrorData | undefined>();
  const [busy, setBusy] = useState(false);
  return {
    error,
    busy,
    clear: () => setError(undefined),
    run: async (action) => {
      setBusy(true);
      setError(undefined);
      try {
        await action();
        return true;
      } catch (e) {
        setError(toErrorData(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}
