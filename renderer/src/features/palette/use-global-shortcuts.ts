import { useEffect } from 'react';
import { closeTab, saveTab, submit } from '../../api';
import { useAppStore } from '../../state';

/**
 * Window-wide shortcuts. Ctrl/Cmd+Enter inside Monaco is handled by the editor itself, so it is
 * ignored here to avoid sending twice.
 */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const mod = event.ctrlKey || event.metaKey;
      if (!mod || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'k') {
        event.preventDefault();
        const { paletteOpen, setPaletteOpen } = useAppStore.getState();
        setPaletteOpen(!paletteOpen);
      } else if (key === 'enter') {
        const target = event.target as HTMLElement | null;
        if (target?.closest('.monaco-editor')) return;
        event.preventDefault();
        submit();
      } else if (key === 's' && !event.shiftKey) {
        // Saves the shown request (asking for a name the first time) instead of saving the page.
        event.preventDefault();
        void saveTab().catch(() => useAppStore.getState().setSidebarView('collections'));
      } else if (key === 'w' && !event.shiftKey) {
        // Closes the current request tab, like an editor tab; its running call is cancelled.
        event.preventDefault();
        if (!useAppStore.getState().paletteOpen) closeTab();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
