import type { BrowserWindow, Rectangle } from 'electron';
import { screen } from 'electron';
// The app's own few-byte file, read once before the window exists, when nothing waits on the engine.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/fs/atomic-write';

interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT_BOUNDS = { width: 1280, height: 800 };

/** Remembers where the window was, and only reuses it if that place is still on a screen. */
export function loadWindowState(userDataDir: string): Partial<WindowState> {
  try {
    const state = JSON.parse(readFileSync(join(userDataDir, 'window-state.json'), 'utf8')) as WindowState;
    const visible = screen.getAllDisplays().some((d) => {
      const a = d.workArea;
      const b = state.bounds;
      return b.x < a.x + a.width && b.x + b.width > a.x && b.y < a.y + a.height && b.y + b.height > a.y;
    });
    return visible ? state : { bounds: { ...DEFAULT_BOUNDS, x: 0, y: 0 }, maximized: state.maximized };
  } catch {
    return {};
  }
}

export function defaultBounds(): { width: number; height: number } {
  return DEFAULT_BOUNDS;
}

export function trackWindowState(window: BrowserWindow, userDataDir: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    if (window.isDestroyed()) return;
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    void writeFileAtomic(join(userDataDir, 'window-state.json'), JSON.stringify(state, null, 2)).catch(() => undefined);
  };
  const saveSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('close', () => {
    clearTimeout(timer);
    save();
  });
}
