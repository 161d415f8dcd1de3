import { useEffect, useId, useState } from 'react';
import {
  DRIFT_CATEGORIES,
  type DriftCategory,
  type DriftFinding,
  type DriftLocation,
} from '../../../../shared/model/drift';
import { compareDrift, listSnapshots, methodForSymbol, revealSymbol, saveDriftSnapshot } from '../../api';
import { activeSchema, activeTarget, useAppStore, type DriftOtherKind } from '../../state';
import { ErrorBox } from '../../ui/ErrorBox';
import { describeLocation, groupFindings, KIND_HEADINGS } from './findings';

const OTHER_KINDS: Array<{ kind: DriftOtherKind; label: string }> = [
  { kind: 'protos', label: 'Local protos' },
  { kind: 'snapshot', label: 'A snapshot' },
  { kind: 'target', label: 'Another server' },
];

const CATEGORY_LABELS: Record<DriftCategory, string> = {
  WIRE: 'WIRE: running clients and servers',
  WIRE_JSON: 'WIRE_JSON: also JSON clients',
  PACKAGE: 'PACKAGE: also generated code, per package',
  FILE: 'FILE: also generated code, per file',
};

/**
 * Contract drift of the current target: compared with .proto files, a snapshot or another server,
 * findings grouped by whom they break; a symbol leads to its method in the service tree.
 */
export function DriftView() {
  const drift = useAppStore((s) => s.drift);
  const update = useAppStore((s) => s.updateDrift);
  const address = useAppStore((s) => activeTarget(s).address);
  const root = useAppStore((s) => s.workspace?.root);
  const id = useId();

  useEffect(() => {
    void listSnapshots();
  }, [root]);

  const running = drift.result.status === 'running';
  return (
    <section className="drift-view" aria-label="Contract drift">
      <p className="hint">
        Compare <strong>{address || 'the current target'}</strong> with:
      </p>
      <form
        className="drift-form"
        onSubmit={(e) => {
          e.preventDefault();
          void compareDrift();
        }}
      >
        <div role="radiogroup" aria-label="Compare with" className="drift-kinds">
          {OTHER_KINDS.map(({ kind, label }) => (
            <label key={kind}>
              <input
                type="radio"
                name={`${id}-kind`}
                checked={drift.otherKind === kind}
                onChange={() => update({ otherKind: kind })}
              />
              {label}
            </label>
          ))}
        </div>
        {drift.otherKind === 'protos' && (
          <label className="drift-field">
            .proto files or folders (one per line)
            <textarea
              rows={2}
              value={drift.protos}
              placeholder="/path/to/protos"
              onChange={(e) => update({ protos: e.target.value })}
            />
          </label>
        )}
        {drift.otherKind === 'snapshot' && (
          <label className="drift-field">
            Snapshot file
            <input
              list={`${id}-snapshots`}
              value={drift.snapshot}
              placeholder={drift.snapshots.length ? 'Pick or type a path' : 'snapshots/NAME.binpb'}
              onChange={(e) => update({ snapshot: e.target.value })}
            />
            <datalist id={`${id}-snapshots`}>
              {drift.snapshots.map((s) => (
                <option key={s.path} value={s.path}>
                  {s.info ? `${s.info.name} (${s.info.takenAt.slice(0, 10)})` : s.path}
                </option>
              ))}
            </datalist>
          </label>
        )}
        {drift.otherKind === 'target' && (
          <label className="drift-field">
            Other server address
            <input
              value={drift.address}
              placeholder="host:port"
              onChange={(e) => update({ address: e.target.value })}
            />
          </label>
        )}
        <label className="drift-field">
          Strictness
          <select value={drift.category} onChange={(e) => update({ category: e.target.value as DriftCategory })}>
            {DRIFT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={running}>
          {running ? 'Comparing…' : 'Compare'}
        </button>
      </form>
      <SaveSnapshot />
      <DriftResultView />
    </section>
  );
}

function SaveSnapshot() {
  const note = useAppStore((s) => s.drift.saveNote);
  const [name, setName] = useState('');
  return (
    <form
      className="drift-save"
      aria-label="Save snapshot"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) void saveDriftSnapshot(name.trim());
      }}
    >
      <input
        aria-label="Snapshot name"
        placeholder="Snapshot name"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" disabled={!name.trim()}>
        Save snapshot
      </button>
      {note && (
        <p className={note.ok ? 'hint' : 'error-text'} role="status">
          {note.text}
        </p>
      )}
    </form>
  );
}

function DriftResultView() {
  const result = useAppStore((s) => s.drift.result);
  if (result.status === 'idle') return null;
  if (result.status === 'running') return <p className="hint">Comparing…</p>;
  if (result.status === 'error') return <ErrorBox title="Could not compare" error={result.error} />;
  const { report } = result;
  const hygiene = report.findings.filter((f) => f.kind === 'hygiene').length;
  const additions = report.findings.filter((f) => f.kind === 'addition').length;
  return (
    <div className="drift-report" role="region" aria-label="Drift findings">
      <p className={report.breaking > 0 ? 'drift-summary breaking' : 'drift-summary'} role="status">
        {report.breaking > 0
          ? `${report.breaking} breaking at ${report.category}`
          : `Nothing breaking at ${report.category}`}
        , {hygiene} hygiene, {additions} {additions === 1 ? 'addition' : 'additions'}
      </p>
      <p className="hint">
        {report.base} → {report.other}
      </p>
      {report.notes.map((n, i) => (
        <p key={i} className="hint drift-notes">
          {n}
        </p>
      ))}
      {groupFindings(report.findings).map((group) => (
        <section key={group.kind} aria-label={KIND_HEADINGS[group.kind]} className={`drift-group drift-${group.kind}`}>
          <h3>
            {KIND_HEADINGS[group.kind]} ({group.findings.length})
          </h3>
          <ul>
            {group.findings.map((f, i) => (
              <FindingItem key={i} finding={f} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function FindingItem({ finding }: { finding: DriftFinding }) {
  return (
    <li className="drift-finding">
      <p>{finding.message}</p>
      <dl>
        {finding.base && <Location label="Was" loc={finding.base} />}
        {finding.other && <Location label="Now" loc={finding.other} />}
      </dl>
      <span className="drift-rule">{finding.rule}</span>
    </li>
  );
}

function Location({ label, loc }: { label: string; loc: DriftLocation }) {
  const reachable = useAppStore((s) => {
    const schema = activeSchema(s);
    return schema.status === 'ready' && methodForSymbol(schema.value, loc.symbol) !== undefined;
  });
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {reachable ? (
          <button
            type="button"
            className="link"
            title="Show in the service tree"
            aria-label={`Show ${loc.symbol} in the service tree`}
            onClick={() => void revealSymbol(loc.symbol)}
          >
            {describeLocation(loc)}
          </button>
        ) : (
          <code>{describeLocation(loc)}</code>
        )}
      </dd>
    </>
  );
}
