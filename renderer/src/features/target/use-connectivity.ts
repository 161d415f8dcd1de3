import { useEffect } from 'react';
import { api } from '../../api';
import { activeSchema, activeTarget, environmentFor, useAppStore } from '../../state';

/**
 * Follows the connectivity of the channel behind the active tab's loaded schema. It re-subscribes
 * after each schema load and when another tab (another target) is shown, not on every keystroke
 * in the address box, so it always describes the target the service tree shows.
 */
export function useConnectivity(): void {
  const schema = useAppStore(activeSchema);
  const setConnectivity = useAppStore((s) => s.setConnectivity);
  useEffect(() => {
    // The last target's state would be a lie about this one until the first event arrives.
    setConnectivity(undefined);
    if (schema.status !== 'ready' && schema.status !== 'error') return;
    const target = activeTarget(useAppStore.getState());
    if (!target.address.trim()) return;
    const subscription = api().subscribe(
      'target.state',
      { target, ...environmentFor(target) },
      {
        onEvents: (events) => {
          const last = events[events.length - 1];
          if (last) setConnectivity(last.state);
        },
        onEnd: () => undefined,
      },
    );
    return () => subscription.cancel();
  }, [schema, setConnectivity]);
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
