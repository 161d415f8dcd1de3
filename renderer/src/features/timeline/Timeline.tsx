import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { callLog, useAppStore, useLogVersion, type CallSummary, type TimelineLog } from '../../state';
import { downloadFile } from '../../ui/files';
import { useAfterFirstTask } from '../../ui/use-after-first-task';
import { exportNdjson } from './export-ndjson';
import { formatCount } from './format';
import { MessageDetail } from './MessageDetail';
import type { DirectionFilter, RowSource } from './row-source';
import { StreamStats } from './StreamStats';
import { TimelineList } from './TimelineList';
import { TimelineToolbar, type JumpTarget } from './TimelineToolbar';
import { useTimelineRows } from './use-timeline-rows';

/** Every event of the active tab's call, live: rows, counters, filters, jumps and the selected message. */
export function Timeline() {
  const call = useAppStore((s) => s.tabs[s.activeTabId]?.call);
  const log = callLog(call?.callId);
  if (!call || !log) return <p className="hint">Send a request to see its timeline here.</p>;
  // A new call starts with a fresh view (filters, selection, follow).
  return <CallTimeline key={call.callId} call={call} log={log} />;
}

function CallTimeline({ call, log }: { call: CallSummary; log: TimelineLog }) {
  const [direction, setDirection] = useState<DirectionFilter>('all');
  const [typed, setTyped] = useState('');
  const [text, setText] = useState('');
  const [selectedRow, setSelectedRow] = useState<number | undefined>(undefined);
  const [follow, setFollow] = useState(true);
  const [reveal, setReveal] = useState<{ row: number; nonce: number } | undefined>(undefined);
  const [exporting, setExporting] = useState<string | undefined>(undefined);
  const showDefaults = useAppStore((s) => s.showDefaults);
  // Redrawn with the log; the toolbar and the selected message are memoized and stay as they are.
  const version = useLogVersion(log);

  // Searching runs in the engine; wait for a pause in typing.
  useEffect(() => {
    const timer = setTimeout(() => setText(typed), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  const { source, searching, searchError } = useTimelineRows(call.callId, log, version, { direction, text });
  const filtered = direction !== 'all' || text.trim() !== '';

  // The jumps read the rows and selection as they are when clicked, so the toolbar's props stay
  // the same from one redraw to the next.
  const latest = useRef<{ source: RowSource; selectedRow: number | undefined }>({ source, selectedRow });
  useLayoutEffect(() => {
    latest.current = { source, selectedRow };
  });
  const onJump = useCallback(
    (to: JumpTarget): void => {
      const { source: rows, selectedRow: selected } = latest.current;
      let row: number | undefined;
      if (to === 'problem') {
        const problems = log.problemRows();
        row = problems.find((r) => selected === undefined || r > selected) ?? problems[0];
        if (row !== undefined && rows.indexOfRow(row) === undefined) {
          // Errors are not messages: show them by clearing the filter.
          setDirection('all');
          setTyped('');
          setText('');
        }
      } else if (rows.count > 0) row = rows.rowAt(to === 'first' ? 0 : rows.count - 1);
      if (row === undefined) return;
      setSelectedRow(row);
      setFollow(false);
      setReveal({ row, nonce: Date.now() });
    },
    [log],
  );
  const { callId, method, startedAt } = call;
  const runExport = useCallback(async (): Promise<void> => {
    setExporting('Exporting…');
    try {
      const lines = await exportNdjson(callId, log);
      const name = method.replace(/^\//, '').replace(/[^\w.-]+/g, '-');
      downloadFile(
        `${name}-${new Date(startedAt).toISOString().replace(/[:.]/g, '-')}.ndjson`,
        lines,
        'application/x-ndjson',
      );
      setExporting(undefined);
    } catch (error) {
      setExporting(`Export failed: ${(error as Error).message}`);
    }
  }, [callId, method, startedAt, log]);
  const onExport = useCallback(() => void runExport(), [runExport]);
  // The rows and the selected message come a task after the rest (ui/use-after-first-task.ts).
  const rowsShown = useAfterFirstTask();

  return (
    <div className="timeline">
      <StreamStats call={call} log={log} />
      <TimelineToolbar
        direction={direction}
        onDirection={setDirection}
        typed={typed}
        onTyped={setTyped}
        hasRows={source.count > 0}
        onJump={onJump}
        follow={follow}
        onFollow={setFollow}
        exporting={exporting}
        onExport={onExport}
      />
      <p className="hint timeline-notes" aria-live="polite">
        {filtered && (
          <span data-testid="timeline-shown">
            {searching ? 'Searching… ' : ''}
            {formatCount(source.count)} of {formatCount(log.end - log.first)} rows match.
          </span>
        )}
        {searchError && <span className="error-text"> Search failed: {searchError}</span>}
        {log.droppedMessages > 0 && (
          <span data-testid="timeline-let-go">
            {' '}
            {formatCount(log.droppedMessages)} older messages were let go (keeping the last {formatCount(log.keep)}).
          </span>
        )}
        {exporting && <span> {exporting}</span>}
      </p>
      {!rowsShown ? (
        <div className="timeline-split" />
      ) : (
        <Group orientation="vertical" className="timeline-split">
          <Panel defaultSize="60" minSize="20%" className="pane">
            <TimelineList
              callId={call.callId}
              log={log}
              source={source}
              selectedRow={selectedRow}
              onSelect={setSelectedRow}
              follow={follow}
              onFollowChange={setFollow}
              reveal={reveal}
            />
          </Panel>
          <Separator className="separator horizontal" />
          <Panel minSize="15%" className="pane">
            <MessageDetail callId={call.callId} log={log} row={selectedRow} showDefaults={showDefaults} />
          </Panel>
        </Group>
      )}
    </div>
  );
}
