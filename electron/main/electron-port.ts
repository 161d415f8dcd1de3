import type { MessagePortMain } from 'electron';
import { messagePortAsPort, PortEvents, type Port } from '../../shared/protocol/port';

/** The main-process end of a window's MessageChannel as a Port. */
export function electronPort(port: MessagePortMain): Port {
  const events = new PortEvents();
  port.on('message', (event) => events.emitMessage(event.data));
  port.on('close', () => events.emitClose());
  port.start();
  return messagePortAsPort(port, events);
}
