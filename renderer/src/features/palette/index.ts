export { MethodPalette } from './MethodPalette';
export { ShortcutHelp } from './ShortcutHelp';
export { useGlobalShortcuts } from './use-global-shortcuts';
export { shortcutHint } from './shortcuts';
