import { BrowserWindow, MessageChannelMain } from 'electron';
import { join } from 'node:path';
import { ENGINE_PORT_CHANNEL } from '../../shared/contract/port-handoff';
import type { Port } from '../../shared/protocol/port';
import type { Engine } from '../core/engine';
import { APP_ORIGIN } from './app-protocol';
import { electronPort } from './electron-port';
import { defaultBounds, loadWindowState, trackWindowState } from './window-state';

/**
 * One window, one engine connection. Each page load gets a fresh MessageChannel; the previous
 * one is closed first, which cancels every call the old page had open.
 */
export function createMainWindow(engine: Engine, userDataDir: string): BrowserWindow {
  const saved = loadWindowState(userDataDir);
  const window = new BrowserWindow({
    ...defaultBounds(),
    ...saved.bounds,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Loupe',
    backgroundColor: '#1e1f24',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (saved.maximized) window.maximize();
  trackWindowState(window, userDataDir);

  let current: Port | undefined;
  const closeCurrent = (): void => {
    current?.close();
    current = undefined;
  };
  window.webContents.on('did-finish-load', () => {
    closeCurrent();
    if (!window.webContents.getURL().startsWith(`${APP_ORIGIN}/`)) return;
    const { port1, port2 } = new MessageChannelMain();
    current = electronPort(port1);
    engine.connect(current);
    window.webContents.postMessage(ENGINE_PORT_CHANNEL, null, [port2]);
  });
  window.on('closed', closeCurrent);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
