import { useId } from 'react';
import { useNativeFileDialogs } from '../../api';
import { PathField } from '../../ui/PathField';
import type { PlanDraft } from './plan-form';

const DATA_FILES = {
  title: 'Choose a data file',
  filters: [{ name: 'CSV or NDJSON', extensions: ['csv', 'ndjson', 'jsonl'] }],
};

/**
 * The per-call data file: a path the engine reads (relative to the workspace, or absolute), typed
 * or, in the desktop app, chosen with its file dialog; and whether rows come in order or at random.
 */
export function DataFileField({
  path,
  pick,
  error,
  onChange,
}: {
  path: string;
  pick: PlanDraft['dataPick'];
  error?: string;
  onChange: (path: string, pick: PlanDraft['dataPick']) => void;
}) {
  const native = useNativeFileDialogs();
  const id = useId();
  return (
    <div className="load-data-file">
      <PathField
        id={`${id}-path`}
        label="Data file (CSV or NDJSON)"
        value={path}
        placeholder="none: users.csv, rows.ndjson…"
        hint="A CSV’s first line names its columns; an NDJSON row’s top-level fields are its columns"
        error={error}
        onChange={(value) => onChange(value, pick)}
        {...(native ? { browse: DATA_FILES } : {})}
      />
      {path.trim() !== '' && (
        <label className="load-inline">
          Rows
          <select value={pick} onChange={(e) => onChange(path, e.target.value as PlanDraft['dataPick'])}>
            <option value="sequence">In order, from the first</option>
            <option value="random">At random</option>
          </select>
        </label>
      )}
    </div>
  );
}
