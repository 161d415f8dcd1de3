import { ENGINE_PORT_CHANNEL } from '../../../shared/contract/port-handoff';
import { messagePortAsPort, PortEvents, type Port } from '../../../shared/protocol/port';

export function isElectron(): boolean {
  return window.location.protocol === 'app:';
}

/**
 * Electron: the main process sends a MessagePort to our top-level page right after it loads;
 * the preload relays it with window.postMessage (a port cannot cross contextBridge).
 */
export function receiveElectronPort(): Promise<Port> {
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent): void => {
      if (event.source !== window || event.data !== ENGINE_PORT_CHANNEL || !event.ports[0]) return;
      window.removeEventListener('message', onMessage);
      resolve(wrapMessagePort(event.ports[0]));
    };
    window.addEventListener('message', onMessage);
  });
}

function wrapMessagePort(port: MessagePort): Port {
  const events = new PortEvents();
  port.onmessage = (e: MessageEvent) => events.emitMessage(e.data);
  port.start();
  window.addEventListener('beforeunload', () => events.emitClose());
  return messagePortAsPort(port, events);
}
