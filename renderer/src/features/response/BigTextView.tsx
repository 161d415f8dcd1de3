import { ChevronDown, Search } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { Button } from '../../ui/Button';
import { useFixedRows } from '../../ui/use-fixed-rows';
import { findNext, type LineMatch } from './find-in-lines';
import type { DocumentProgress, ResponseDocument } from './response-document';
import './big-text.css';

const ROW_HEIGHT = 19;
/** A line longer than this shows its start: laying out a megabyte-long line would stall the page. */
const SHOWN_LINE_CHARS = 4_000;

/**
 * A read-only view of a response too big for the editor: only the lines on screen exist in the
 * DOM, whatever the size, and lines show as they arrive. Search scans in slices that yield;
 * *Copy response* (beside it) copies the whole text.
 */
export function BigTextView({ document, testId }: { document: ResponseDocument; testId: string }) {
  const progress = useDocumentProgress(document);
  const scroller = useRef<HTMLDivElement>(null);
  const lines = document.lines;
  const rowWindow = useFixedRows(scroller, lines.lineCount, ROW_HEIGHT, false);
  const input = useRef<HTMLInputElement>(null);
  const search = useLineSearch(document);

  useEffect(() => {
    if (search.match) rowWindow.scrollToIndex(search.match.line, 'center');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new match scrolls
  }, [search.match]);

  const rows = [];
  for (let index = rowWindow.start; index < rowWindow.end; index++) {
    const text = lines.line(index);
    const match = search.match?.line === index ? search.match : undefined;
    rows.push(
      <div key={index} className="big-text-line" style={{ top: rowWindow.rowTop(index) }}>
        <span className="big-text-number" aria-hidden="true">
          {index + 1}
        </span>
        <LineText text={text} match={match} length={search.shownNeedle.length} />
      </div>,
    );
  }

  return (
    <div className="big-text" data-testid={testId}>
      <div className="big-text-bar">
        <Search size={14} aria-hidden="true" />
        <input
          ref={input}
          type="search"
          aria-label="Find in response"
          placeholder="Find in response"
          value={search.needle}
          onChange={(e) => search.setNeedle(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              search.next();
            }
          }}
        />
        <Button size="sm" icon={<ChevronDown />} onClick={search.next} disabled={search.needle === ''}>
          Next match
        </Button>
        <span className="big-text-status" role="status" data-testid="big-text-find-status">
          {search.status}
        </span>
        <span className="spacer" />
        {!progress.done && <LoadProgress loaded={progress.loaded} total={progress.total} />}
        {progress.error && (
          <span className="big-text-error" role="alert">
            The rest of the response could not be read: {progress.error}
          </span>
        )}
      </div>
      <div
        ref={scroller}
        className="big-text-scroller"
        tabIndex={0}
        role="document"
        aria-label="Response body"
        onScroll={rowWindow.onScroll}
        onKeyDown={(e: KeyboardEvent) => {
          if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
            e.preventDefault();
            input.current?.focus();
          }
        }}
      >
        <div className="big-text-content" style={{ height: rowWindow.totalHeight }}>
          {rows}
        </div>
      </div>
    </div>
  );
}

/** The document's progress, re-rendering as slices arrive. */
export function useDocumentProgress(document: ResponseDocument): DocumentProgress {
  const subscribe = useCallback((listener: () => void) => document.subscribe(listener), [document]);
  return useSyncExternalStore(subscribe, () => document.progress);
}

function LineText({ text, match, length }: { text: string; match?: LineMatch; length: number }) {
  const shown = text.length > SHOWN_LINE_CHARS ? text.slice(0, SHOWN_LINE_CHARS) : text;
  const more =
    text.length > SHOWN_LINE_CHARS
      ? ` … ${(text.length - SHOWN_LINE_CHARS).toLocaleString('en-US')} more characters (Copy response has them all)`
      : '';
  if (!match || match.column >= shown.length) return <span className="big-text-code">{shown + more}</span>;
  const end = Math.min(shown.length, match.column + length);
  return (
    <span className="big-text-code">
      {shown.slice(0, match.column)}
      <mark data-testid="big-text-match">{shown.slice(match.column, end)}</mark>
      {shown.slice(end) + more}
    </span>
  );
}

function LoadProgress({ loaded, total }: { loaded: number; total: number | undefined }) {
  const mb = (chars: number) => (chars / 1e6).toFixed(1);
  return (
    <span className="big-text-progress" data-testid="response-progress">
      <progress aria-label="Loading the response" max={total ?? undefined} value={total ? loaded : undefined} />
      Loading the response… {mb(loaded)}
      {total ? ` of ${mb(total)}` : ''} MB
    </span>
  );
}

/** The search box's state: the text sought, the match shown, and a sliced scan for the next. */
function useLineSearch(document: ResponseDocument) {
  const [needle, setNeedle] = useState('');
  const [found, setFound] = useState<{ match?: LineMatch; needle: string; status: string }>({
    needle: '',
    status: '',
  });
  const generation = useRef(0);
  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );

  const next = (): void => {
    if (needle === '') return;
    const mine = ++generation.current;
    const from = found.needle === needle ? found.match : undefined;
    setFound({ match: found.match, needle: found.needle, status: 'Searching…' });
    void findNext(document.lines, needle, from, { cancelled: () => generation.current !== mine }).then((match) => {
      if (generation.current !== mine) return;
      setFound({
        match,
        needle,
        status: match ? `Line ${(match.line + 1).toLocaleString('en-US')}` : `No match for “${needle}”`,
      });
    });
  };

  return {
    needle,
    setNeedle,
    next,
    match: found.match,
    shownNeedle: found.needle,
    status: found.status,
  };
}
