import { ArrowDownToLine, ArrowUpToLine, CircleAlert, Download, ListEnd } from 'lucide-react';
import { memo, type Dispatch, type SetStateAction } from 'react';
import { DEFAULT_KEEP_MESSAGES, KEEP_LIMITS } from '../../../../shared/model/keep';
import { useAppStore } from '../../state';
import { IconButton } from '../../ui/IconButton';
import { formatCount } from './format';
import type { DirectionFilter } from './row-source';

/** From the least to the most the engine accepts, the default among them. */
const KEEP_CHOICES = [KEEP_LIMITS.min, 10_000, DEFAULT_KEEP_MESSAGES, KEEP_LIMITS.max];

export type JumpTarget = 'first' | 'last' | 'problem';

export interface TimelineToolbarProps {
  direction: DirectionFilter;
  onDirection: (direction: DirectionFilter) => void;
  typed: string;
  onTyped: (text: string) => void;
  /** Whether any row is shown (First and Last have somewhere to go). */
  hasRows: boolean;
  onJump: (to: JumpTarget) => void;
  follow: boolean;
  onFollow: Dispatch<SetStateAction<boolean>>;
  exporting: string | undefined;
  onExport: () => void;
}

/**
 * The timeline's filters, jumps, follow, export and keep choice. Memoized with steady props: a
 * running stream redraws its rows and counters, not these tools (their icons and selects were
 * most of a redraw's rendering).
 */
export const TimelineToolbar = memo(function TimelineToolbar({
  direction,
  onDirection,
  typed,
  onTyped,
  hasRows,
  onJump,
  follow,
  onFollow,
  exporting,
  onExport,
}: TimelineToolbarProps) {
  const keepMessages = useAppStore((s) => s.keepMessages);
  const setKeepMessages = useAppStore((s) => s.setKeepMessages);
  return (
    <div className="timeline-toolbar" role="toolbar" aria-label="Timeline tools">
      <select aria-label="Direction" value={direction} onChange={(e) => onDirection(e.target.value as DirectionFilter)}>
        <option value="all">All events</option>
        <option value="sent">Sent</option>
        <option value="received">Received</option>
      </select>
      <input
        type="search"
        aria-label="Search messages"
        placeholder="Search in messages"
        value={typed}
        onChange={(e) => onTyped(e.target.value)}
      />
      {/* Icons with their names as labels and tooltips: in words the tools took three rows in a small window. */}
      <IconButton
        icon={<ArrowUpToLine />}
        label="First"
        hint="Jump to the first row"
        onClick={() => onJump('first')}
        disabled={!hasRows}
      />
      <IconButton
        icon={<ArrowDownToLine />}
        label="Last"
        hint="Jump to the last row"
        onClick={() => onJump('last')}
        disabled={!hasRows}
      />
      <IconButton
        icon={<CircleAlert />}
        label="Next error"
        hint="Jump to the next error"
        onClick={() => onJump('problem')}
      />
      {/* How the list is kept and taken away: together at the end, on a row of their own when the panel is narrow. */}
      <span className="timeline-toolbar-end">
        <IconButton
          icon={<ListEnd />}
          label="Follow the newest row"
          hint={follow ? 'Following: the newest row stays in view' : 'Follow: keep the newest row in view'}
          aria-pressed={follow}
          className={follow ? 'toggled' : ''}
          onClick={() => onFollow((f) => !f)}
        />
        <IconButton
          icon={<Download />}
          label="Export NDJSON"
          hint="Export the call's rows as NDJSON"
          onClick={onExport}
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
  );
});
