import { ipcRenderer } from 'electron';

/**
 * A doorway, not an API: the only thing this preload does is relay the engine's MessagePort
 * from the main process to our own top-level page. No ipcRenderer, no generic send/invoke/on
 * is exposed; everything else travels over the port under the typed contract.
 */
const PORT_CHANNEL = 'loupe:engine-port';

ipcRenderer.on(PORT_CHANNEL, (event) => {
  // Only the top frame of our own app:// page may receive the port.
  if (window.top !== window || window.location.protocol !== 'app:') return;
  window.postMessage(PORT_CHANNEL, window.location.origin, event.ports);
});
