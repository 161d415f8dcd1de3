import { randomUUID } from 'node:crypto';
import type { CallStatus, EngineCallEvent } from '../../../shared/model/call';
import type { CallHandle, CallRunner, StartCallOptions } from '../calls/call-runner';
import type { AppliedAuth } from './authenticator';
import { isUnauthenticatedStatus } from './with-auth';

/**
 * Starts a call with its auth. A unary or server-streaming call (its request known in full) that
 * the server refuses with UNAUTHENTICATED before any answer is made once more with a renewed
 * token; its first events are held until that is decided, so the window and the history see one
 * call, not a refused one and its repeat. When renewing fails, the first call's events are let
 * through as they were. Other calls (a stream the user is typing into cannot be replayed) only
 * drop the refused token, so the next call gets a new one. A call whose auth cannot be renewed (no
 * auth, or a fixed one) is never held: its events go out as they come.
 */
export function startWithAuth(
  calls: CallRunner,
  options: StartCallOptions,
  auth: { first: AppliedAuth | undefined; renew: () => Promise<AppliedAuth> },
  onEvent: (e: EngineCallEvent) => void,
): CallHandle {
  // One id for both attempts: the first has finished (and freed it) before the second starts.
  const id = options.id ?? randomUUID();
  const withAuth = (applied: AppliedAuth | undefined): StartCallOptions => ({
    ...options,
    id,
    metadata: [...(options.metadata ?? []), ...(applied?.metadata ?? [])],
    ...(applied?.applied ? { auth: applied.applied } : {}),
  });
  const { first } = auth;
  const refused = first?.refused;
  const kind = options.method.methodKind;
  if (!refused || (kind !== 'unary' && kind !== 'server_streaming')) {
    const handle = calls.start(withAuth(first), onEvent);
    if (refused) void handle.done.then((status) => isUnauthenticatedStatus(status) && refused());
    return handle;
  }

  let held: EngineCallEvent[] | undefined = [];
  let refusedEvents: EngineCallEvent[] | undefined;
  let cancelled = false;
  const gate = (e: EngineCallEvent) => {
    if (!held) return onEvent(e);
    held.push(e);
    if (e.type === 'status' && isUnauthenticatedStatus(e.status) && refused()) {
      refusedEvents = held;
      held = undefined;
    } else if (e.type === 'received' || e.type === 'status') {
      const out = held;
      held = undefined;
      for (const event of out) onEvent(event);
    }
  };
  let current = calls.start(withAuth(first), gate);
  const letFirstThrough = (status: CallStatus) => {
    for (const event of refusedEvents ?? []) onEvent(event);
    return status;
  };
  const done = current.done.then(async (status): Promise<CallStatus> => {
    if (!refusedEvents || cancelled) return letFirstThrough(status);
    try {
      const renewed = await auth.renew();
      if (cancelled) return letFirstThrough(status);
      current = calls.start(withAuth(renewed), onEvent);
      void current.done.then((again) => isUnauthenticatedStatus(again) && renewed.refused?.());
    } catch {
      return letFirstThrough(status);
    }
    return current.done;
  });
  return {
    id,
    send: (json) => current.send(json),
    halfClose: () => current.halfClose(),
    cancel: () => {
      cancelled = true;
      current.cancel();
    },
    pause: () => current.pause(),
    resume: () => current.resume(),
    done,
  };
}
