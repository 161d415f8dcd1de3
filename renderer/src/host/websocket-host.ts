import { PortEvents, type Port } from '../../../shared/protocol/port';

/** Browser mode: the engine is behind a WebSocket on the page's own origin, guarded by a token. */
export function tokenFromLocation(): string | undefined {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  return hash.get('token') ?? undefined;
}

export function connectWebSocket(token: string): Promise<Port> {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${window.location.host}/rpc?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(url);
  const events = new PortEvents();
  return new Promise((resolve, reject) => {
    socket.onopen = () => {
      socket.onmessage = (e: MessageEvent<string>) => {
        try {
          events.emitMessage(JSON.parse(e.data));
        } catch {
          // not JSON: ignore, the protocol only speaks JSON
        }
      };
      resolve({
        send: (message) => {
          if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
        },
        onMessage: (listener) => events.onMessage(listener),
        onClose: (listener) => events.onClose(listener),
        close: () => socket.close(),
      });
    };
    socket.onclose = () => {
      events.emitClose();
      reject(new Error('The Loupe engine refused the connection (wrong or missing token?).'));
    };
  });
}
