import { Plus, X } from 'lucide-react';
import { useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { closeTab } from '../../api';
import { isDirty, tabTitle, useAppStore } from '../../state';

interface TabItemProps {
  id: string;
  selected: boolean;
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
}

/** One tab: its own selectors, so a streaming call re-renders only its tab's title. */
function TabItem({ id, selected, onKeyDown }: TabItemProps) {
  const method = useAppStore((s) => s.tabs[id]?.method);
  const title = useAppStore((s) => tabTitle(s.tabs[id]));
  const savedPath = useAppStore((s) => s.tabs[id]?.saved?.path);
  // The fingerprint is compared only for saved tabs; a cheap check for every other tab.
  const dirty = useAppStore((s) => (s.tabs[id]?.saved ? isDirty(s.tabs[id]) : false));
  const running = useAppStore((s) => s.tabs[id]?.call?.phase === 'running');
  const activate = useAppStore((s) => s.activateTab);
  const self = useRef<HTMLDivElement>(null);
  // However a tab comes to be shown (opened, a method picked, a shortcut, a saved request), it
  // is scrolled into the strip's view: an overflowing strip must never hide the tab being edited.
  // Its title too: a new tab that gets its method grows, and must stay whole in view.
  useLayoutEffect(() => {
    if (selected) self.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [selected, title]);
  return (
    <div
      ref={self}
      className={`request-tab${selected ? ' active' : ''}`}
      onAuxClick={(e) => e.button === 1 && closeTab(id)}
    >
      <button
        type="button"
        role="tab"
        aria-selected={selected}
        tabIndex={selected ? 0 : -1}
        aria-keyshortcuts="Delete"
        title={savedPath ? `${savedPath}\n${method ?? ''}` : (method ?? 'New tab')}
        className="request-tab-title"
        onClick={() => activate(id)}
        // Middle-click closes (onAuxClick); keep it from starting autoscroll.
        onMouseDown={(e) => e.button === 1 && e.preventDefault()}
        onKeyDown={onKeyDown}
      >
        <span className="truncate">{title}</span>
        {dirty && (
          <span className="request-tab-dirty" title="Unsaved changes (Ctrl+S saves)">
            <span className="visually-hidden"> (unsaved changes)</span>
          </span>
        )}
        {running && (
          <span className="request-tab-running" title="Call running">
            <span className="visually-hidden"> (running)</span>
          </span>
        )}
      </button>
      {/* For the mouse: inside a tablist only tabs may be announced, so keyboard and screen reader
          users close a tab with Delete (said by aria-keyshortcuts) or Ctrl+W. */}
      <button
        type="button"
        className="request-tab-close"
        tabIndex={-1}
        aria-hidden="true"
        aria-label={`Close tab ${title}`}
        title="Close tab (Ctrl+W)"
        onClick={() => closeTab(id)}
      >
        <X size={14} aria-hidden="true" />
      </button>
    </div>
  );
}

/**
 * The open request tabs. Keyboard: one tab stop (the shown tab); arrows, Home and End move focus
 * between tabs, Enter or Space shows the focused one, Delete closes it. Middle-click closes too.
 */
export function TabStrip({ actions }: { actions?: ReactNode }) {
  const order = useAppStore((s) => s.order);
  const activeTabId = useAppStore((s) => s.activeTabId);
  const newEmptyTab = useAppStore((s) => s.newEmptyTab);
  const list = useRef<HTMLDivElement>(null);

  const focusTab = (index: number): void => {
    const buttons = list.current?.querySelectorAll<HTMLElement>('[role="tab"]');
    if (!buttons || buttons.length === 0) return;
    buttons[(index + buttons.length) % buttons.length]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number, id: string): void => {
    const moves: Partial<Record<string, number>> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: order.length - 1,
    };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      focusTab(to);
    } else if (event.key === 'Delete') {
      event.preventDefault();
      closeTab(id);
      // The list re-renders after the close; focus the tab that took this one's place.
      requestAnimationFrame(() => focusTab(Math.min(index, (list.current?.children.length ?? 1) - 1)));
    }
  };

  return (
    <div className="request-tabs">
      <div role="tablist" aria-label="Request tabs" className="request-tab-list" ref={list}>
        {order.map((id, index) => (
          <TabItem key={id} id={id} selected={id === activeTabId} onKeyDown={(e) => onKeyDown(e, index, id)} />
        ))}
      </div>
      <button
        type="button"
        className="request-tab-new"
        aria-label="New tab"
        title="New tab (Alt+N)"
        onClick={newEmptyTab}
      >
        <Plus size={16} aria-hidden="true" />
      </button>
      {actions && <div className="request-tabs-actions">{actions}</div>}
    </div>
  );
}
