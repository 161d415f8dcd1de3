import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import { openExternalSafely } from './external-links';

export function installAppMenu(): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
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
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'gRPC status codes', click: () => openExternalSafely('https://grpc.io/docs/guides/status-codes/') },
        { label: 'Protobuf JSON mapping', click: () => openExternalSafely('https://protobuf.dev/programming-guides/json/') },
        { type: 'separator' },
        { label: `Loupe ${app.getVersion()}`, enabled: false },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
