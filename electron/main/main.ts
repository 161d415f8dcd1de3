import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { startDemoServer, startDemoWebServer } from '../core/demo';
import { DEFAULT_DEMO_PORT, DEFAULT_DEMO_WEB_PORT, startOnPreferredPort } from '../core/preferred-port';
import { Engine } from '../core/engine';
import { registerAppScheme, serveRendererOnAppScheme } from './app-protocol';
import { pickFiles } from './file-dialogs';
import { openExternalSafely, openSignInPageSafely } from './external-links';
import { installAppMenu } from './menu';
import { createSafeStorageSecretStore } from './secret-store';
import { createMainWindow } from './window';
import { systemProxyResolver } from './system-proxy';

/**
 * The Electron shell: lifecycle, the window, the menu, and handing each page its engine port.
 * Everything else is the plain-Node engine that browser mode and the CLI share.
 */
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  let shutdown: (() => Promise<void>) | undefined;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // No page may navigate away, open windows or embed webviews; links go to the allow-list.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url);
      return { action: 'deny' };
    });
  });

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    serveRendererOnAppScheme(join(__dirname, '..', 'renderer'));
    installAppMenu();
    // A stable address, so environments that name the demo server keep working after a restart.
    const { started: demo } = await startOnPreferredPort(DEFAULT_DEMO_PORT, (port) =>
      startDemoServer({ host: '127.0.0.1', port }),
    );
    const { started: demoWeb } = await startOnPreferredPort(DEFAULT_DEMO_WEB_PORT, (port) =>
      startDemoWebServer({ port }),
    );
    const engine = new Engine({
      version: app.getVersion(),
      cacheDir: join(app.getPath('userData'), 'schema-cache'),
      // History, per-user workspace state and secrets (encrypted with the OS keychain) live beside the cache.
      dataDir: app.getPath('userData'),
      secretStore: createSafeStorageSecretStore(app.getPath('userData')),
      demoAddress: demo.address,
      demoWebAddress: demoWeb.address,
      pickFiles,
      openSignInPage: openSignInPageSafely,
      // Targets with no proxy of their own, outside HTTPS_PROXY/NO_PROXY, follow the system's.
      systemProxy: systemProxyResolver(session.defaultSession),
      onInternalError: (method, error) => console.error(`[loupe] ${method} failed:`, error),
    });
    shutdown = async () => {
      await engine.close();
      await demoWeb.stop();
      await demo.stop();
    };
    const open = (): void => {
      mainWindow = createMainWindow(engine, app.getPath('userData'));
      mainWindow.on('closed', () => (mainWindow = undefined));
    };
    open();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', (event) => {
    if (!shutdown) return;
    event.preventDefault();
    const finish = shutdown;
    shutdown = undefined;
    void finish().finally(() => app.quit());
  });
}
