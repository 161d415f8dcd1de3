import { useEffect, useState } from 'react';
import { receivedWithDefaults } from '../../api';

/**
 * With "Show default values" on, the response is re-read from the engine rendered with defaults
 * (the call is not repeated). Re-read when the call grows; one read in flight at a time.
 */
export function useMessagesWithDefaults(callId: string | undefined, version: number, enabled: boolean): string[] | undefined {
  const [result, setResult] = useState<{ callId: string; messages: string[] } | undefined>(undefined);
  useEffect(() => {
    if (!enabled || !callId) return;
    let current = true;
    receivedWithDefaults(callId).then(
      (messages) => {
        if (current) setResult({ callId, messages });
      },
      () => {
        if (current) setResult(undefined); // released or gone: fall back to the plain view
      },
    );
    return () => {
      current = false;
    };
  }, [callId, version, enabled]);
  return enabled && result !== undefined && result.callId === callId ? result.messages : undefined;
}
