import { ArrowDownToLine, ArrowUpToLine, CircleAlert, Download, ListEnd } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { DEFAULT_KEEP_MESSAGES, KEEP_LIMITS } from '../../../../shared/model/keep';
import { callLog, useAppStore, type CallSummary, type TimelineLog } from '../../state';
import { downloadFile } from '../../ui/files';
import { IconButton } from '../../ui/IconButton';
import { exportNdjson } from './export-ndjson';
import { formatCount } from './format';
import { MessageDetail } from './MessageDetail';
import type { DirectionFilter } from './row-source';
import { StreamStats } from './StreamStats';
import { TimelineList } from './TimelineList';
import { useTimelineRows } from './use-timeline-rows';

/** From the least to the most the engine accepts, the default among them. */
const KEEP_CHOICES = [KEEP_LIMITS.min, 10_000, DEFAULT_KEEP_MESSAGES, KEEP_LIMITS.max];

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
  const keepMessages = useAppStore((s) => s.keepMessages);
  const setKeepMessages = useAppStore((s) => s.setKeepMessages);

  // Searching runs in the engine; wait for a pause in typing.
  useEffect(() => {
    const timer = setTimeout(() => setText(typed), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  const { source, searching, searchError } = useTimelineRows(call.callId, log, call.version, { direction, text });
  const filtered = direction !== 'all' || text.trim() !== '';

  const jumpTo = (row: number | undefined): void => {
    if (row === undefined) return;
    setSelectedRow(row);
    setFollow(false);
    setReveal({ row, nonce: Date.now() });
  };
  const first = source.count > 0 ? source.rowAt(0) : undefined;
  const last = source.count > 0 ? source.rowAt(source.count - 1) : undefined;
  const nextProblem = (): void => {
    const problems = log.problemRows();
    const next = problems.find((r) => selectedRow === undefined || r > selectedRow) ?? problems[0];
    if (next === undefined) return;
    if (source.indexOfRow(next) === undefined) {
      // Errors are not messages: show them by clearing the filter.
      setDirection('all');
      setTyped('');
      setText('');
    }
    jumpTo(next);
  };
  const runExport = async (): Promise<void> => {
    setExporting('Exporting…');
    try {
      const lines = await exportNdjson(call.callId, log);
      const name = call.method.replace(/^\//, '').replace(/[^\w.-]+/g, '-');
      downloadFile(
        `${name}-${new Date(call.startedAt).toISOString().replace(/[:.]/g, '-')}.ndjson`,
        lines,
        'application/x-ndjson',
      );
      setExporting(undefined);
    } catch (error) {
      setExporting(`Export failed: ${(error as Error).message}`);
    }
  };

  return (
    <div className="timeline">
      <StreamStats call={call} log={log} />
      <div className="timeline-toolbar" role="toolbar" aria-label="Timeline tools">
        <select
          aria-label="Direction"
          value={direction}
          onChange={(e) => setDirection(e.target.value as DirectionFilter)}
        >
          <option value="all">All events</option>
          <option value="sent">Sent</option>
          <option value="received">Received</option>
        </select>
        <input
          type="search"
          aria-label="Search messages"
          placeholder="Search in messages"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        {/* Icons with their names as labels and tooltips: in words the tools took three rows in a small window. */}
        <IconButton
          icon={<ArrowUpToLine />}
          label="First"
          hint="Jump to the first row"
          onClick={() => jumpTo(first)}
          disabled={first === undefined}
        />
        <IconButton
          icon={<ArrowDownToLine />}
          label="Last"
          hint="Jump to the last row"
          onClick={() => jumpTo(last)}
          disabled={last === undefined}
        />
        <IconButton icon={<CircleAlert />} label="Next error" hint="Jump to the next error" onClick={nextProblem} />
        {/* How the list is kept and taken away: together at the end, on a row of their own when the panel is narrow. */}
        <span className="timeline-toolbar-end">
          <IconButton
            icon={<ListEnd />}
            label="Follow the newest row"
            hint={follow ? 'Following: the newest row stays in view' : 'Follow: keep the newest row in view'}
            aria-pressed={follow}
            className={follow ? 'toggled' : ''}
            onClick={() => setFollow(!follow)}
          />
          <IconButton
            icon={<Download />}
            label="Export NDJSON"
            hint="Export the call's rows as NDJSON"
            onClick={() => void runExport()}
            disabled={exporting === 'Exporting…'}
          />
          <select
            aria-label="Messages kept per call"
            title="Messages kept per call, here and in the engine; older ones are let go. Applies to the next call."
            value={KEEP_CHOICES.includes(keepMessages) ? keepMessages : ''}
            onChange={(e) => setKeepMessages(Number(e.target.value))}
          >
            {!KEEP_CHOICES.includes(keepMessages) && <option value="">Keep {formatCount(keepMessages)}</option>}
            {KEEP_CHOICES.map((n) => (
              <option key={n} value={n}>
                Keep {formatCount(n)}
              </option>
            ))}
          </select>
        </span>
      </div>
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
    </div>
  );
}
