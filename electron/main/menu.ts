import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import { openExternalSafely } from './external-links';

export function installAppMenu(): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    // Ctrl/Cmd+W belongs to the page (it closes a request tab), so closing the window moves
    // to Ctrl/Cmd+Shift+W; menu accelerators would otherwise take the key before the page sees it.
    {
      label: 'File',
      submenu: [{ role: 'close', accelerator: 'CmdOrCtrl+Shift+W' }, ...(isMac ? [] : [{ role: 'quit' as const }])],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Window',
      submenu: [{ role: 'minimize' }, { role: 'zoom' }, ...(isMac ? [{ role: 'front' as const }] : [])],
    },
    {
      role: 'help',
      submenu: [
        { label: 'gRPC status codes', click: () => openExternalSafely('https://grpc.io/docs/guides/status-codes/') },
        {
          label: 'Protobuf JSON mapping',
          click: () => openExternalSafely('https://protobuf.dev/programming-guides/json/'),
        },
        { type: 'separator' },
        { label: `Loupe ${app.getVersion()}`, enabled: false },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
