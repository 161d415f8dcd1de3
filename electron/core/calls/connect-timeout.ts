import * as grpc from '@grpc/grpc-js';
import { formatDuration } from '../../../shared/model/target';

/**
 * Connection establishment has its own timeout, separate from any call deadline (grpcurl's
 * -connect-timeout). grpc-js has none: a server that accepts TCP but never sends its HTTP/2
 * SETTINGS keeps the channel CONNECTING forever, and every call on it, reflection included,
 * waits with it. One interceptor on every pooled channel bounds that wait for every call.
 */

/** Marks the status of a call ended by the connect timeout (never sent: it is ours alone). */
const MARKER = 'loupe-connect-timeout';

export function connectTimeoutMessage(address: string, timeoutMs: number): string {
  return `Could not connect to ${address} within ${formatDuration(timeoutMs)} (connect timeout).`;
}

/** Did the connect timeout end this call? Takes a grpc-js status or the error made of it. */
export function isConnectTimeout(status: { metadata?: grpc.Metadata }): boolean {
  return (status.metadata?.get(MARKER).length ?? 0) > 0;
}

/** Metadata names that are ours, not the server's: never shown as trailers. */
export const LOCAL_METADATA = [MARKER];

/**
 * Fails a call with UNAVAILABLE when its channel is still not connected `timeoutMs` after the
 * call started. A channel that connects, or fails to (refused, TLS...: grpc-js fails the call
 * itself then), disarms it; a connected channel never arms it.
 */
export function connectTimeoutInterceptor(
  getChannel: () => grpc.ChannelInterface,
  address: string,
  timeoutMs: number,
): grpc.Interceptor {
  return (options, nextCall) => {
    // Connected: nothing to bound, so nothing to watch.
    if (getChannel().getConnectivityState(false) === grpc.connectivityState.READY)
      return new grpc.InterceptingCall(nextCall(options));
    let expired = false;
    let disarm = (): void => undefined;
    const call: grpc.InterceptingCall = new grpc.InterceptingCall(nextCall(options), {
      start(metadata, _listener, next) {
        next(metadata, {
          onReceiveStatus(status, nextStatus) {
            disarm();
            if (!expired) return nextStatus(status);
            const marked = new grpc.Metadata();
            marked.set(MARKER, String(timeoutMs));
            nextStatus({
              ...status,
              code: grpc.status.UNAVAILABLE,
              details: connectTimeoutMessage(address, timeoutMs),
              metadata: marked,
            });
          },
        });
        disarm = whileConnecting(getChannel(), timeoutMs, () => {
          expired = true;
          call.cancelWithStatus(grpc.status.UNAVAILABLE, connectTimeoutMessage(address, timeoutMs));
        });
      },
    });
    return call;
  };
}

const { IDLE, CONNECTING } = grpc.connectivityState;

/** Calls onExpire if the channel is still idle or connecting after timeoutMs. Returns a disarm function. */
function whileConnecting(channel: grpc.ChannelInterface, timeoutMs: number, onExpire: () => void): () => void {
  const pending = (state: grpc.connectivityState) => state === IDLE || state === CONNECTING;
  let armed = pending(channel.getConnectivityState(false));
  if (!armed) return () => undefined;
  const timer = setTimeout(() => {
    if (!armed) return;
    armed = false;
    onExpire();
  }, timeoutMs);
  const disarm = (): void => {
    armed = false;
    clearTimeout(timer);
  };
  const follow = (current: grpc.connectivityState): void => {
    // The watch ends with the timer at the latest (an error then, which we ignore).
    channel.watchConnectivityState(current, Date.now() + timeoutMs, (err) => {
      if (!armed || err) return;
      const next = channel.getConnectivityState(false);
      if (pending(next)) follow(next);
      else disarm();
    });
  };
  follow(channel.getConnectivityState(false));
  return disarm;
}
