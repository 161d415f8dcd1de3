import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<Id extends string> {
  id: Id;
  label: ReactNode;
  /** Said on hover: what the tab shows. */
  title?: string;
}

/**
 * A row of tabs that switch what a panel shows: one tab stop (the selected tab), arrows, Home
 * and End move and select, as WAI-ARIA's tabs pattern has it. One copy, so every switch in the
 * window reads and behaves the same for a keyboard or screen reader user.
 */
export function Tabs<Id extends string>({
  label,
  items,
  selected,
  onSelect,
  className,
}: {
  /** The accessible name of the tab list. */
  label: string;
  items: ReadonlyArray<TabItem<Id>>;
  selected: Id;
  onSelect: (id: Id) => void;
  className?: string;
}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const at = items.findIndex((item) => item.id === selected);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: items.length - 1 }[event.key];
    if (to === undefined || items.length === 0) return;
    event.preventDefault();
    const index = (to + items.length) % items.length;
    const next = items[index];
    if (!next) return;
    onSelect(next.id);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[index]?.focus();
  };
  return (
    <div
      ref={list}
      role="tablist"
      aria-label={label}
      className={className ? `tabs ${className}` : 'tabs'}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => (
        <button
          key={item.id}
          role="tab"
          type="button"
          aria-selected={item.id === selected}
          tabIndex={item.id === selected ? 0 : -1}
          className={item.id === selected ? 'active' : ''}
          title={item.title}
          onClick={() => onSelect(item.id)}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
