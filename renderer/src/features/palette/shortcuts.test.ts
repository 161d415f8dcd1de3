import { describe, expect, it } from 'vitest';
import { matches, SHORTCUTS, shortcutHint } from './shortcuts';

const key = (
  k: string,
  code: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
) => ({
  key: k,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('shortcut keys', () => {
  it('Mod is Ctrl or Cmd, and modifiers must match exactly', () => {
    expect(matches('Mod+K', key('k', 'KeyK', { ctrlKey: true }))).toBe(true);
    expect(matches('Mod+K', key('k', 'KeyK', { metaKey: true }))).toBe(true);
    expect(matches('Mod+K', key('k', 'KeyK'))).toBe(false);
    expect(matches('Mod+K', key('K', 'KeyK', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matches('Mod+S', key('s', 'KeyS', { ctrlKey: true, altKey: true }))).toBe(false);
  });

  it('? is a symbol: whatever Shift it takes on this layout', () => {
    expect(matches('?', key('?', 'Slash', { shiftKey: true }))).toBe(true);
    expect(matches('?', key('/', 'Slash'))).toBe(false);
    expect(matches('?', key('?', 'Slash', { ctrlKey: true, shiftKey: true }))).toBe(false);
  });

  it('digits and Alt+letters go by the physical key (Shift+1 types !, Alt+N types ñ on macOS)', () => {
    expect(matches('Mod+Shift+1', key('!', 'Digit1', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matches('Mod+Shift+1', key('!', 'Digit1', { ctrlKey: true }))).toBe(false);
    expect(matches('Alt+N', key('ñ', 'KeyN', { altKey: true }))).toBe(true);
    expect(matches('Mod+,', key(',', 'Comma', { ctrlKey: true }))).toBe(true);
  });

  it('no two window-wide shortcuts share keys, and every one is documented', () => {
    const globalKeys = SHORTCUTS.filter((s) => s.global).flatMap((s) => s.keys);
    expect(new Set(globalKeys).size).toBe(globalKeys.length);
    for (const s of SHORTCUTS) expect(s.description.length).toBeGreaterThan(5);
  });

  it('a tooltip names the keys of the platform', () => {
    expect(shortcutHint('send', false)).toBe('Ctrl+Enter');
    expect(shortcutHint('send', true)).toBe('⌘+Enter');
  });
});
