/**
 * The one thing every transport must provide: an ordered, reliable, bidirectional channel of
 * JSON-compatible messages that can tell when it closed. Electron MessagePorts, a WebSocket and
 * an in-memory pair all fit behind it, so the RPC on top never knows which it has.
 */
export interface Port {
  send(message: unknown): void;
  /** Returns an unsubscribe function. */
  onMessage(listener: (message: unknown) => void): () => void;
  /** Called once, when either side closes or the transport fails. */
  onClose(listener: () => void): () => void;
  close(): void;
}

/** Helper for transports: a set of listeners plus a once-only close latch. */
export class PortEvents {
  private readonly messageListeners = new Set<(message: unknown) => void>();
  private readonly closeListeners = new Set<() => void>();
  private closed = false;

  get isClosed(): boolean {
    return this.closed;
  }

  onMessage(listener: (message: unknown) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onClose(listener: () => void): () => void {
    if (this.closed) {
      queueMicrotask(listener);
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  emitMessage(message: unknown): void {
    if (this.closed) return;
    for (const listener of [...this.messageListeners]) listener(message);
  }

  emitClose(): void {
    if (this.closed) return;
    this.closed = true;
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    this.messageListeners.clear();
    for (const listener of listeners) listener();
  }
}

/**
 * A Port over one end of a MessageChannel (Electron's MessagePortMain in the main process, the
 * DOM's MessagePort in the page): it sends with postMessage, and closing it closes the end and
 * the Port at once. The caller feeds the end's messages and close into `events`, since the two
 * kinds of end deliver them differently.
 */
export function messagePortAsPort(
  end: { postMessage(message: unknown): void; close(): void },
  events: PortEvents,
): Port {
  return {
    send: (message) => end.postMessage(message),
    onMessage: (listener) => events.onMessage(listener),
    onClose: (listener) => events.onClose(listener),
    close: () => {
      end.close();
      events.emitClose();
    },
  };
}
