/**
 * The name under which the desktop app hands a window its MessagePort to the engine: the main
 * process posts the port on this IPC channel after each page load (electron/main/window.ts), the
 * preload relays it to the page with window.postMessage under the same name
 * (electron/preload/preload.ts), and the page takes it (renderer/src/host/electron-host.ts).
 * Its own file, without zod or anything else: the preload imports it and must stay tiny.
 */
export const ENGINE_PORT_CHANNEL = 'loupe:engine-port';
