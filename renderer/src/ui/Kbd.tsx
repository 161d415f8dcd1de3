import { Fragment } from 'react';

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const ARROWS: Record<string, string> = { ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc' };

/** 'Mod+Enter' as this platform writes it: Ctrl on Linux and Windows, ⌘ on macOS. */
export function keyLabel(key: string): string {
  if (key === 'Mod') return IS_MAC ? '⌘' : 'Ctrl';
  if (key === 'Shift') return IS_MAC ? '⇧' : 'Shift';
  if (key === 'Alt') return IS_MAC ? '⌥' : 'Alt';
  return ARROWS[key] ?? key;
}

/** A key combination ('Mod+K') drawn as keycaps. */
export function Kbd({ keys }: { keys: string }) {
  const parts = keys.split('+');
  return (
    <span className="ui-kbd-group">
      {parts.map((k, i) => (
        <Fragment key={i}>
          {i > 0 && <span className="ui-kbd-plus">+</span>}
          <kbd className="ui-kbd">{keyLabel(k)}</kbd>
        </Fragment>
      ))}
    </span>
  );
}
