import { useEffect } from 'react';
import { api } from '../../api';
import { useAppStore } from '../../state';

/**
 * Follows the connectivity of the channel behind the loaded schema. It re-subscribes after each
 * schema load (not on every keystroke in the address box), so it always describes the target the
 * service tree shows.
 */
export function useConnectivity(): void {
  const schema = useAppStore((s) => s.schema);
  useEffect(() => {
    if (schema.status !== 'ready' && schema.status !== 'error') return;
    const { target, setConnectivity } = useAppStore.getState();
    if (!target.address.trim()) return;
    const subscription = api().subscribe('target.state', { target }, {
      onEvents: (events) => {
        const last = events[events.length - 1];
        if (last) setConnectivity(last.state);
      },
      onEnd: () => undefined,
    });
    return () => subscription.cancel();
  }, [schema]);
}

const LABELS = {
  IDLE: 'Idle',
  CONNECTING: 'Connecting…',
  READY: 'Connected',
  TRANSIENT_FAILURE: 'Connection failing',
  SHUTDOWN: 'Closed',
} as const;

export function connectivityLabel(state: keyof typeof LABELS): string {
  return LABELS[state];
}
