import { useEffect } from 'react';
import { closeTab, saveTab, submit } from '../../api';
import { useAppStore } from '../../state';
import { focusRegion } from './focus-regions';
import { matches, SHORTCUTS, type GlobalShortcutId } from './shortcuts';

/** Where typing goes: a plain key ('?') there is text, not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return Boolean(el.closest('input, textarea, select, [contenteditable="true"], .monaco-editor'));
}

/**
 * What each window-wide shortcut does; the keys and the help text are in shortcuts.ts. An action
 * that returns false leaves the key to whoever else handles it.
 */
const ACTIONS: Record<GlobalShortcutId, (event: KeyboardEvent) => boolean | void> = {
  palette: () => {
    const { paletteOpen, setPaletteOpen } = useAppStore.getState();
    setPaletteOpen(!paletteOpen);
  },
  send: (event) => {
    // Ctrl/Cmd+Enter inside Monaco is handled by the editor itself: ignored here to avoid sending twice.
    if ((event.target as HTMLElement | null)?.closest?.('.monaco-editor')) return false;
    submit();
  },
  // Saves the shown request (asking for a name the first time) instead of saving the page.
  save: () => void saveTab().catch(() => useAppStore.getState().setSidebarView('collections')),
  // Closes the current request tab, like an editor tab; its running call is cancelled.
  'close-tab': () => {
    if (!useAppStore.getState().paletteOpen) closeTab();
  },
  'new-tab': () => useAppStore.getState().newEmptyTab(),
  help: () => useAppStore.getState().setWindowDialog('shortcuts'),
  'connection-settings': () => useAppStore.getState().setWindowDialog('connection-settings'),
  'focus-methods': () => void focusRegion('methods'),
  'focus-body': () => void focusRegion('body'),
  'focus-response': () => void focusRegion('response'),
};

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      for (const s of SHORTCUTS) {
        if (!s.global || !s.keys.some((k) => matches(k, event))) continue;
        const plain = 'plain' in s && s.plain;
        if (plain && isTyping(event.target)) return;
        // A plain key inside an open dialog belongs to the dialog.
        if (plain && (event.target as HTMLElement | null)?.closest?.('dialog, [role="dialog"]')) return;
        if (ACTIONS[s.id](event) !== false) event.preventDefault();
        return;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
