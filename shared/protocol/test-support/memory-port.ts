import { PortEvents, type Port } from '../port';

/**
 * Two connected in-memory ports. Messages are delivered asynchronously and pass through
 * JSON, as they would on the WebSocket: a value that does not survive JSON fails here first.
 */
export function createMemoryPortPair(): [Port, Port] {
  const aEvents = new PortEvents();
  const bEvents = new PortEvents();
  const closeBoth = (): void => {
    queueMicrotask(() => {
      aEvents.emitClose();
      bEvents.emitClose();
    });
  };
  const make = (own: PortEvents, peer: PortEvents): Port => ({
    send(message) {
      if (own.isClosed) return;
      const text = JSON.stringify(message);
      setTimeout(() => peer.emitMessage(JSON.parse(text)), 0);
    },
    onMessage: (listener) => own.onMessage(listener),
    onClose: (listener) => own.onClose(listener),
    close: closeBoth,
  });
  return [make(aEvents, bEvents), make(bEvents, aEvents)];
}
