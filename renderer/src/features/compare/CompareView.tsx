import { useMemo } from 'react';
import { parseIgnoreRules, prepareForDiff } from '../../../../shared/json/diff-prep';
import { useAppStore } from '../../state';
import { Dialog } from '../../ui/Dialog';
import { DiffView } from '../../ui/monaco/lazy';

/**
 * The one Diff view: two JSON documents with their keys sorted and the ignored fields left out,
 * side by side in Monaco's diff editor. Opened from a tab's response, history, a stream's
 * messages or a snapshot.
 */
export function CompareView() {
  const pair = useAppStore((s) => s.comparePair);
  const ignore = useAppStore((s) => s.compareIgnore);
  const setIgnore = useAppStore((s) => s.setCompareIgnore);
  const close = useAppStore((s) => s.closeCompare);
  const open = useAppStore((s) => s.openCompare);
  const rules = useMemo(() => parseIgnoreRules(ignore), [ignore]);
  const left = useMemo(() => (pair ? prepareForDiff(pair[0].text, rules.rules) : undefined), [pair, rules]);
  const right = useMemo(() => (pair ? prepareForDiff(pair[1].text, rules.rules) : undefined), [pair, rules]);
  if (!pair || !left || !right) return null;
  const notes = [
    ...rules.problems,
    left.problem && `${pair[0].label}: ${left.problem}`,
    right.problem && `${pair[1].label}: ${right.problem}`,
  ];
  return (
    <Dialog
      title="Compare"
      onClose={close}
      dismissLabel="Close"
      wide
      actions={
        <button type="button" onClick={() => open(pair[1], pair[0])}>
          Swap sides
        </button>
      }
    >
      <div className="compare-view" data-testid="compare-view">
        <label className="field compare-ignore">
          <span>Ignore fields</span>
          <input
            value={ignore}
            placeholder="e.g. timestamp, *.id, items.*.etag"
            title="Field paths separated by commas: a name matches that field anywhere, * any one key or index"
            onChange={(e) => setIgnore(e.target.value)}
          />
        </label>
        {notes.filter(Boolean).map((note) => (
          <p key={note as string} className="form-problem" role="alert">
            {note}
          </p>
        ))}
        <div className="snapshot-sides hint">
          <span data-testid="compare-left">{pair[0].label}</span>
          <span data-testid="compare-right">{pair[1].label}</span>
        </div>
        {left.text === right.text && (
          <p className="hint" role="status">
            No differences{ignore.trim() ? ' outside the ignored fields' : ''}.
          </p>
        )}
        <DiffView
          original={left.text}
          modified={right.text}
          ariaLabel="Compared responses"
          testId="compare-diff"
          wrap
        />
      </div>
    </Dialog>
  );
}

/** The side chosen first, with a way to let it go: shown while the second is being picked. */
export function CompareChoice() {
  const first = useAppStore((s) => s.compareFirst);
  const forget = useAppStore((s) => s.forgetCompareChoice);
  if (!first) return null;
  return (
    <div className="compare-choice" role="status" data-testid="compare-choice">
      <span>
        Comparing <strong>{first.label}</strong>: pick another with “Compare with…”
      </span>
      <button type="button" onClick={forget}>
        Cancel
      </button>
    </div>
  );
}
