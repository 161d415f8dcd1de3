import type { WebSocket } from 'ws';
import { PortEvents, type Port } from '../../shared/protocol/port';

/** One WebSocket as a Port: one JSON text frame per envelope. */
export function webSocketPort(socket: WebSocket): Port {
  const events = new PortEvents();
  socket.on('message', (data, isBinary) => {
    if (isBinary) return; // the protocol is JSON text only
    let message: unknown;
    try {
      // A text frame arrives as one Buffer (ws's default binaryType); join fragments just in case.
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      message = JSON.parse(bytes.toString('utf8'));
    } catch {
      return; // not JSON: nothing to answer, the envelope has no id
    }
    events.emitMessage(message);
  });
  socket.on('close', () => events.emitClose());
  socket.on('error', () => events.emitClose());
  return {
    send(message) {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    },
    onMessage: (listener) => events.onMessage(listener),
    onClose: (listener) => events.onClose(listener),
    close() {
      socket.close();
      events.emitClose();
    },
  };
}
