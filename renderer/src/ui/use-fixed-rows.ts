import { useLayoutEffect, useState, type RefObject } from 'react';

export interface RowWindow {
  /** First and one-past-last row index to render (overscan included). */
  start: number;
  end: number;
  totalHeight: number;
  /** The scroller's visible height and width as last measured. */
  viewHeight: number;
  viewWidth: number;
  /** Where to draw row `index` (from the top of the scrolled content). */
  rowTop: (index: number) => number;
  /** Brings row `index` into view: at the nearest edge, or centred. */
  scrollToIndex: (index: number, align?: 'nearest' | 'center') => void;
  /** Call from the scroller's onScroll. */
  onScroll: () => void;
}

interface View {
  top: number;
  height: number;
  width: number;
}

/** Where the scroller must be for row `index` to be in view (undefined: it already is). */
function scrollTopFor(
  el: HTMLElement,
  index: number,
  rowHeight: number,
  align: 'nearest' | 'center',
): number | undefined {
  const top = index * rowHeight;
  if (align === 'center') return Math.max(0, top - (el.clientHeight - rowHeight) / 2);
  if (top < el.scrollTop) return top;
  if (top + rowHeight > el.scrollTop + el.clientHeight) return top + rowHeight - el.clientHeight;
  return undefined;
}

function scrollElement(el: HTMLElement, top: number): void {
  el.scrollTop = top;
}

/**
 * Chromium lays out no element taller than about 33.5 million pixels. Rows that would be taller
 * (a response of two million lines) are scrolled in proportion: the scroll position's share of
 * its range is the first row's share of the rows, and the rows on screen are drawn where the
 * view is. Lists under it behave exactly as before.
 */
export const MAX_SCROLL_HEIGHT = 30_000_000;

/**
 * Windowing for rows of one fixed height: which rows are on screen is arithmetic on scrollTop,
 * O(1) however many rows there are. (General virtualizers measure every item again when the
 * count changes, which for a stream adding rows ~60 times a second over 100,000 rows was most
 * of the renderer's time.)
 */
export function useFixedRows(
  scroller: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  pinToBottom: boolean,
  overscan = 10,
): RowWindow {
  const [view, setView] = useState<View>({ top: 0, height: 600, width: 2000 });
  const read = (): void => {
    const el = scroller.current;
    if (!el) return;
    setView((v) =>
      v.top === el.scrollTop && v.height === el.clientHeight
        ? v
        : { top: el.scrollTop, height: el.clientHeight, width: el.clientWidth },
    );
  };
  // (Reading scrollTop/clientHeight here happens in event handlers and effects, after layout.)

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // The observer also reports the size once at the start.
    const observer = new ResizeObserver(() =>
      setView({ top: el.scrollTop, height: el.clientHeight, width: el.clientWidth }),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [scroller]);

  const visible = Math.ceil(view.height / rowHeight) + 1;
  const fullHeight = count * rowHeight;
  const totalHeight = Math.min(fullHeight, MAX_SCROLL_HEIGHT);
  const scaled = fullHeight > totalHeight;
  const scrollRange = Math.max(1, totalHeight - view.height);
  const rowRange = Math.max(0, count - view.height / rowHeight);
  const exact = pinToBottom
    ? Math.max(0, count - visible)
    : scaled
      ? (Math.min(view.top, scrollRange) / scrollRange) * rowRange
      : view.top / rowHeight;
  const first = Math.floor(exact);
  // Pinned to the bottom nothing scrolls into view between redraws but by the user, who leaves
  // the pin: a couple of rows above are enough, and every row drawn is work per redraw.
  const above = pinToBottom ? Math.min(overscan, 2) : overscan;
  return {
    start: Math.max(0, first - above),
    end: Math.min(count, first + visible + overscan),
    totalHeight,
    viewHeight: view.height,
    viewWidth: view.width,
    rowTop: (index) => (scaled ? view.top + (index - exact) * rowHeight : index * rowHeight),
    scrollToIndex: (index, align = 'nearest') => {
      const el = scroller.current;
      const top = !el
        ? undefined
        : scaled
          ? (Math.min(index, rowRange) / Math.max(1, rowRange)) * scrollRange
          : scrollTopFor(el, index, rowHeight, align);
      if (el && top !== undefined) scrollElement(el, top);
      read();
    },
    onScroll: read,
  };
}
