import { ipcRenderer } from 'electron';
import { ENGINE_PORT_CHANNEL } from '../../shared/contract/port-handoff';

/**
 * A doorway, not an API: the only thing this preload does is relay the engine's MessagePort
 * from the main process to our own top-level page. No ipcRenderer, no generic send/invoke/on
 * is exposed; everything else travels over the port under the typed contract.
 */
ipcRenderer.on(ENGINE_PORT_CHANNEL, (event) => {
  // Only the top frame of our own app:// page may receive the port.
  if (window.top !== window || window.location.protocol !== 'app:') return;
  window.postMessage(ENGINE_PORT_CHANNEL, window.location.origin, event.ports);
});
