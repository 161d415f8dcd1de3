import { BrowserWindow, dialog, type OpenDialogOptions } from 'electron';
import type { PickFilesInput } from '../../shared/contract';

/**
 * host.pickFiles for the desktop app. The dialog is modal to the focused window so it opens
 * over the window whose button asked for it (the engine is shared by every window).
 */
export async function pickFiles(request: PickFilesInput): Promise<string[]> {
  const properties: NonNullable<OpenDialogOptions['properties']> = [request.directory ? 'openDirectory' : 'openFile'];
  if (request.multiple) properties.push('multiSelections');
  const options: OpenDialogOptions = {
    title: request.title,
    properties,
    // Filters only make sense for files; macOS greys out folders otherwise.
    ...(request.filters && !request.directory ? { filters: request.filters } : {}),
  };
  const window = BrowserWindow.getFocusedWindow();
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}
