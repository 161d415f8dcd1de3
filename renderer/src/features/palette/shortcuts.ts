/**
 * Every keyboard shortcut of the window, in one list: the window-wide handler
 * (use-global-shortcuts.ts) acts on the `global` ones and the shortcut help (ShortcutHelp.tsx)
 * shows them all, so what the help says is what the keys do.
 */

export type ShortcutId =
  | 'palette'
  | 'send'
  | 'save'
  | 'close-tab'
  | 'help'
  | 'connection-settings'
  | 'new-tab'
  | 'editor-send'
  | 'tabs-move'
  | 'tabs-close'
  | 'tree-move'
  | 'timeline-move'
  | 'dialog-close'
  | 'focus-methods'
  | 'focus-body'
  | 'focus-response';

export interface Shortcut {
  id: ShortcutId;
  /** Keys as written in the help: 'Mod' is Ctrl (⌘ on macOS); several ways are alternatives. */
  keys: readonly string[];
  description: string;
  group: 'Requests' | 'Window' | 'Lists and tabs';
  /** Handled window-wide by use-global-shortcuts; the others belong to the widget named. */
  global: boolean;
  /** A plain key (no modifier): ignored while typing in a text field or the editor. */
  plain?: boolean;
}

export const SHORTCUTS = [
  {
    id: 'send',
    keys: ['Mod+Enter'],
    description: 'Send the request (the next message on an open stream)',
    group: 'Requests',
    global: true,
  },
  {
    id: 'save',
    keys: ['Mod+S'],
    description: 'Save the request (asks for a name the first time)',
    group: 'Requests',
    global: true,
  },
  { id: 'new-tab', keys: ['Alt+N'], description: 'New request tab', group: 'Requests', global: true },
  {
    id: 'close-tab',
    keys: ['Mod+W'],
    description: 'Close the request tab (cancels its running call)',
    group: 'Requests',
    global: true,
  },
  {
    id: 'editor-send',
    keys: ['Mod+Enter'],
    description: 'In the editor: send, with the method’s schema checked',
    group: 'Requests',
    global: false,
  },
  { id: 'palette', keys: ['Mod+K'], description: 'Find a method or a command', group: 'Window', global: true },
  { id: 'connection-settings', keys: ['Mod+,'], description: 'Connection settings', group: 'Window', global: true },
  { id: 'help', keys: ['?'], description: 'Show these shortcuts', group: 'Window', global: true, plain: true },
  {
    id: 'focus-methods',
    keys: ['Mod+Shift+1'],
    description: 'Go to the sidebar (the method tree)',
    group: 'Window',
    global: true,
  },
  {
    id: 'focus-body',
    keys: ['Mod+Shift+2'],
    description: 'Go to the request body (in the editor, Ctrl+M lets Tab leave it)',
    group: 'Window',
    global: true,
  },
  {
    id: 'focus-response',
    keys: ['Mod+Shift+3'],
    description: 'Go to the response',
    group: 'Window',
    global: true,
  },
  {
    id: 'dialog-close',
    keys: ['Escape'],
    description: 'Close a dialog, the palette or a menu',
    group: 'Window',
    global: false,
  },
  {
    id: 'tabs-move',
    keys: ['ArrowLeft', 'ArrowRight', 'Home', 'End'],
    description: 'Request tabs: move between tabs',
    group: 'Lists and tabs',
    global: false,
  },
  {
    id: 'tabs-close',
    keys: ['Delete'],
    description: 'Request tabs: close the focused tab',
    group: 'Lists and tabs',
    global: false,
  },
  {
    id: 'tree-move',
    keys: ['ArrowUp', 'ArrowDown', 'Home', 'End'],
    description: 'Services: move between methods; Enter opens one',
    group: 'Lists and tabs',
    global: false,
  },
  {
    id: 'timeline-move',
    keys: ['ArrowUp', 'ArrowDown', 'Home', 'End'],
    description: 'Timeline: move between events; the detail follows',
    group: 'Lists and tabs',
    global: false,
  },
] as const satisfies readonly Shortcut[];

/** The shortcuts use-global-shortcuts must act on: its table of actions is typed by this, so a
 * shortcut without an action, or an action without a shortcut, does not compile. */
export type GlobalShortcutId = Extract<(typeof SHORTCUTS)[number], { global: true }>['id'];

/** Whether a key event is this combination ('Mod+K', 'Alt+N', '?'). Modifiers must match exactly. */
export function matches(
  keys: string,
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'code'>,
): boolean {
  const parts = keys.split('+');
  // 'Mod+,' splits into ['Mod', ','] and '?' into ['?']; a '+' key itself is not used.
  const key = parts[parts.length - 1] ?? '';
  const mods = new Set(parts.slice(0, -1));
  const mod = event.ctrlKey || event.metaKey;
  if (mod !== mods.has('Mod') || event.altKey !== mods.has('Alt')) return false;
  const letter = /^[a-z]$/i.test(key);
  const digit = /^[0-9]$/.test(key);
  // Shift is part of a symbol ('?' is Shift+/ on many layouts): checked for letters, digits and named keys only.
  if (key.length > 1 || letter || digit) {
    if (event.shiftKey !== mods.has('Shift')) return false;
  }
  // With Alt, macOS types another character (Alt+N is 'ñ'): the physical key decides.
  if (letter && mods.has('Alt')) return event.code === `Key${key.toUpperCase()}`;
  // Shift+1 types '!' (or another symbol, by layout): a digit is the key, not the character.
  if (digit) return event.code === `Digit${key}`;
  return event.key.toLowerCase() === key.toLowerCase();
}

export function shortcut(id: ShortcutId): Shortcut {
  const found = (SHORTCUTS as readonly Shortcut[]).find((s) => s.id === id);
  if (!found) throw new Error(`No shortcut ${id}`);
  return found;
}

/** Keys of the first way to press a shortcut, for a button's tooltip: 'Ctrl+Enter'. */
export function shortcutHint(id: ShortcutId, isMac = /Mac/.test(globalThis.navigator?.platform ?? '')): string {
  return (shortcut(id).keys[0] ?? '').replace('Mod', isMac ? '⌘' : 'Ctrl');
}
