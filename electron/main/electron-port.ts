import type { MessagePortMain } from 'electron';
import { PortEvents, type Port } from '../../shared/protocol/port';

/** The main-process end of a window's MessageChannel as a Port. */
export function electronPort(port: MessagePortMain): Port {
  const events = new PortEvents();
  port.on('message', (event) => events.emitMessage(event.data));
  port.on('close', () => events.emitClose());
  port.start();
  return {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => events.onMessage(listener),
    onClose: (listener) => events.onClose(listener),
    close: () => {
      port.close();
      events.emitClose();
    },
  };
}
