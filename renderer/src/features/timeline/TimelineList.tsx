import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { TimelineLog, TimelineRow } from '../../state';
import { describeEvent, formatBytes, formatClock, formatRelative } from './format';
import type { RowSource } from './row-source';
import { useFixedRows } from '../../ui/use-fixed-rows';
import { usePreviews } from './use-previews';

const ROW_HEIGHT = 24;
/**
 * The narrowest a character of the rows' 12px monospace face can be (they are about 7 px): a
 * preview is drawn only as long as the list is wide. Previews are fetched longer (a row may
 * widen), and every character drawn is text to shape and paint in each redraw.
 */
const MIN_CHAR_PX = 6;

/** Bottom-anchored while following: the end stays in view as the content grows. */
const FOLLOWING_LAYOUT = { display: 'flex', flexDirection: 'column-reverse' } as const;

function scrollTo(el: HTMLElement, top: number): void {
  el.scrollTop = top;
}

export interface TimelineListProps {
  callId: string;
  log: TimelineLog;
  source: RowSource;
  selectedRow: number | undefined;
  onSelect: (row: number) => void;
  /** Keep the newest row in view as rows arrive. */
  follow: boolean;
  onFollowChange: (follow: boolean) => void;
  /** A row to bring into view (jump buttons); `nonce` repeats a jump to the same row. */
  reveal?: { row: number; nonce: number };
}

/** The virtualized rows of a call: only the rows on screen exist in the DOM. */
export function TimelineList({
  callId,
  log,
  source,
  selectedRow,
  onSelect,
  follow,
  onFollowChange,
  reveal,
}: TimelineListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  /** scrollTop we set ourselves; a scroll elsewhere is the user's. */
  const ownScrollTop = useRef<number | undefined>(undefined);
  const count = source.count;
  // While following, the window is the last rows whatever the last scroll event said.
  const rowWindow = useFixedRows(scroller, count, ROW_HEIGHT, follow);

  /** How far above the bottom the user was when they scrolled out of following. */
  const leftAt = useRef(0);
  /** A row to bring into view once the list has left following (keyboard selection). */
  const pendingIndex = useRef<number | undefined>(undefined);

  // While following, the list is laid out from its bottom (column-reverse), where scrollTop 0 is
  // the end and stays the end as rows arrive: no scroll position is written per update, which
  // forced a layout on every redraw (the largest self time of a fast stream's profile). The
  // position is written only when following starts or stops.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (follow) {
      scrollTo(el, 0);
    } else {
      scrollTo(el, Math.max(0, rowWindow.totalHeight - rowWindow.viewHeight - leftAt.current));
      leftAt.current = 0;
      if (pendingIndex.current !== undefined) rowWindow.scrollToIndex(pendingIndex.current);
      else rowWindow.onScroll();
      pendingIndex.current = undefined;
    }
    ownScrollTop.current = el.scrollTop;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only entering or leaving following moves the list
  }, [follow]);

  useEffect(() => {
    if (!reveal) return;
    const index = source.indexOfRow(reveal.row);
    if (index !== undefined) rowWindow.scrollToIndex(index, 'center');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new reveal request scrolls
  }, [reveal]);

  const onScroll = (): void => {
    rowWindow.onScroll();
    const el = scroller.current;
    if (!el) return;
    const own = ownScrollTop.current !== undefined && Math.abs(el.scrollTop - ownScrollTop.current) < 2;
    if (own) return;
    ownScrollTop.current = undefined;
    // Following, the list is bottom-anchored: scrollTop is 0 at the end and negative above it.
    const atBottom = follow
      ? -el.scrollTop < ROW_HEIGHT
      : el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT;
    if (follow && !atBottom) leftAt.current = -el.scrollTop;
    if (atBottom !== follow) onFollowChange(atBottom);
  };

  const previewChars = Math.ceil(rowWindow.viewWidth / MIN_CHAR_PX);
  const rows: Array<TimelineRow & { at: number }> = [];
  for (let at = rowWindow.start; at < rowWindow.end; at++) {
    const row = log.row(source.rowAt(at));
    if (row) rows.push({ ...row, at });
  }
  usePreviews(
    callId,
    log,
    rows.filter((r) => r.kind !== 'event').map((r) => r.position),
  );

  const selectIndex = (index: number): void => {
    if (count === 0) return;
    const next = Math.max(0, Math.min(count - 1, index));
    onSelect(source.rowAt(next));
    if (!follow) rowWindow.scrollToIndex(next);
    else if (next < count - 1) {
      // Scrolled once the list is top-anchored again (see the layout effect above).
      pendingIndex.current = next;
      onFollowChange(false);
    }
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const current = selectedRow === undefined ? undefined : source.indexOfRow(selectedRow);
    const from = (delta: number) => (current === undefined ? (delta > 0 ? 0 : count - 1) : current + delta);
    const targets: Record<string, () => number> = {
      ArrowDown: () => from(1),
      ArrowUp: () => from(-1),
      PageDown: () => from(page),
      PageUp: () => from(-page),
      Home: () => 0,
      End: () => count - 1,
    };
    const target = targets[e.key];
    if (!target) return;
    e.preventDefault();
    selectIndex(target());
  };

  return (
    <div
      ref={scroller}
      className="timeline-list"
      role="listbox"
      aria-label="Timeline"
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      style={follow ? FOLLOWING_LAYOUT : undefined}
      data-testid="timeline-list"
    >
      {/* Following, the list grows from its bottom; the auto margin takes the free space below a
          few rows, so they sit at the top until they fill the view (flex-end would put them at the
          bottom and, once they overflow, make the rows above unreachable by scrolling). */}
      <div style={{ height: rowWindow.totalHeight, position: 'relative', flexShrink: 0, marginBottom: 'auto' }}>
        {rows.map((row) => {
          return (
            <div
              // Keyed by its place in the drawn window, not by row: while following, the window
              // moves by hundreds of rows per redraw, and updating a slot's text and offset is far
              // cheaper than replacing its elements (keys by row number modulo a span replaced
              // nearly all of them on each redraw).
              key={row.at - rowWindow.start}
              role="option"
              aria-selected={row.row === selectedRow}
              aria-posinset={row.at + 1}
              aria-setsize={count}
              className={`timeline-row ${row.kind}${row.row === selectedRow ? ' selected' : ''}`}
              style={{ transform: `translateY(${row.at * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
              onClick={() => {
                onSelect(row.row);
                scroller.current?.focus();
              }}
            >
              <RowCells row={row} log={log} chars={previewChars} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

function RowCells({ row, log, chars }: { row: TimelineRow; log: TimelineLog; chars: number }) {
  const clock = log.startedAt === undefined ? '' : formatClock(log.startedAt + row.t);
  if (row.kind === 'event') {
    const { label, text, problem } = describeEvent(row.event);
    return (
      <>
        <span className={`dir ${problem ? 'problem' : ''}`} aria-hidden>
          {problem ? '!' : '•'}
        </span>
        <span className="label">{label}</span>
        <span className="rel">{formatRelative(row.t)}</span>
        <span className="abs">{clock}</span>
        <span className="size" />
        <span className="preview">{text}</span>
      </>
    );
  }
  const preview = log.preview(row.position);
  return (
    <>
      <span className="dir" aria-label={row.kind === 'sent' ? 'sent' : 'received'}>
        {row.kind === 'sent' ? '↑' : '↓'}
      </span>
      <span className="label">#{row.index + 1}</span>
      <span className="rel">{formatRelative(row.t)}</span>
      <span className="abs">{clock}</span>
      <span className="size">{formatBytes(row.size)}</span>
      <span className="preview">
        {preview === undefined ? '…' : preview === '' ? '(no longer kept)' : preview.slice(0, chars)}
      </span>
    </>
  );
}
