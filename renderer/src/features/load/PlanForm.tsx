import type { ReactNode } from 'react';
import type { LoadSchedule } from '../../../../shared/model/load';
import { FormField, NumberInput } from './FormField';
import { DataFileField } from './DataFileField';
import type { PlanDraft, PlanField } from './plan-form';
import { SchedulePreview } from './SchedulePreview';

export interface PlanFormProps {
  draft: PlanDraft;
  onChange: (draft: PlanDraft) => void;
  /** Shown once the user tried to start: what is wrong, on its field. */
  errors: Partial<Record<PlanField, string>>;
  /** The schedule the draft asks for, when it is valid (for the preview). */
  schedule?: LoadSchedule;
  durationMs?: number;
  streaming: boolean;
  /** Start, Export and the like, at the end of the form. */
  actions: ReactNode;
  onSubmit: () => void;
}

const RATES: Array<{ value: PlanDraft['rate']; label: string }> = [
  { value: 'none', label: 'As fast as the workers go' },
  { value: 'const', label: 'Constant rate' },
  { value: 'step', label: 'Steps' },
  { value: 'line', label: 'Linear ramp' },
];

/**
 * A load test's plan: how many calls or how long, how many at once over how many connections, a
 * rate schedule with its preview, stream options, warm-up, per-call data and thresholds. The
 * request itself (body, metadata, auth, TLS, protocol, environment) is the tab's.
 */
export function PlanForm({
  draft,
  onChange,
  errors,
  schedule,
  durationMs,
  streaming,
  actions,
  onSubmit,
}: PlanFormProps) {
  const set = (edit: Partial<PlanDraft>): void => onChange({ ...draft, ...edit });
  const number = (name: PlanField, label: string, unit?: string, hint?: ReactNode, placeholder?: string) => (
    <FormField label={label} error={errors[name]} hint={hint}>
      {(field) => (
        <NumberInput
          field={field}
          value={draft[name]}
          onChange={(value) => set({ [name]: value })}
          unit={unit}
          placeholder={placeholder}
        />
      )}
    </FormField>
  );
  return (
    <form
      className="load-plan"
      aria-label="Load test plan"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <fieldset>
        <legend>How much</legend>
        {number('calls', 'Calls', undefined, undefined, 'no limit')}
        {number('durationSeconds', 'Duration', 's', 'With both, the run stops at whichever comes first', 'no limit')}
        {number('concurrency', 'Concurrency', 'workers')}
        {number('connections', 'Connections', undefined, 'Spread across the workers')}
      </fieldset>

      <fieldset>
        <legend>Rate</legend>
        <FormField label="Schedule">
          {(field) => (
            <select {...field} value={draft.rate} onChange={(e) => set({ rate: e.target.value as PlanDraft['rate'] })}>
              {RATES.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {draft.rate === 'const' && number('rps', 'Rate', 'calls/s')}
        {(draft.rate === 'step' || draft.rate === 'line') && (
          <>
            {number('rampStart', 'From', 'calls/s')}
            {number(
              'rampStep',
              draft.rate === 'step' ? 'Change per step' : 'Change per second',
              'calls/s',
              'Negative to slow down',
            )}
            {draft.rate === 'step' && number('stepSeconds', 'Step every', 's')}
            {number('rampEnd', 'Up to', 'calls/s', undefined, 'no end')}
            {number('rampMaxSeconds', 'Ramp for at most', 's', undefined, 'no limit')}
          </>
        )}
        {schedule && <SchedulePreview schedule={schedule} durationMs={durationMs} />}
      </fieldset>

      {streaming && (
        <fieldset>
          <legend>Streams</legend>
          {number('streamMessages', 'Messages per stream', undefined, undefined, 'the body’s')}
          {number('streamIntervalMs', 'Interval between messages', 'ms')}
        </fieldset>
      )}

      <fieldset>
        <legend>Warm-up</legend>
        <FormField label="Leave out of the results" error={draft.warmup === 'none' ? undefined : errors.warmupValue}>
          {(field) => (
            <span className="load-inline">
              <select
                {...field}
                value={draft.warmup}
                onChange={(e) => set({ warmup: e.target.value as PlanDraft['warmup'] })}
              >
                <option value="none">Nothing</option>
                <option value="calls">The first calls</option>
                <option value="duration">The first seconds</option>
              </select>
              {draft.warmup !== 'none' && (
                <input
                  aria-label={draft.warmup === 'calls' ? 'Warm-up calls' : 'Warm-up seconds'}
                  type="text"
                  inputMode="decimal"
                  size={6}
                  value={draft.warmupValue}
                  onChange={(e) => set({ warmupValue: e.target.value })}
                />
              )}
            </span>
          )}
        </FormField>
      </fieldset>

      <fieldset>
        <legend>Per-call data</legend>
        <p className="load-hint">
          In the body and metadata: <code>{'{{$seq}}'}</code> (the call’s number), <code>{'{{$uuid}}'}</code>,{' '}
          <code>{'{{$randomInt}}'}</code>, <code>{'{{$timestamp}}'}</code>, and from a data file{' '}
          <code>{'{{$row.column}}'}</code>.
        </p>
        <DataFileField
          path={draft.dataPath}
          pick={draft.dataPick}
          error={errors.dataPath}
          onChange={(dataPath, dataPick) => set({ dataPath, dataPick })}
        />
      </fieldset>

      <fieldset>
        <legend>Thresholds</legend>
        <FormField
          label="Pass when"
          error={errors.thresholds}
          hint={
            <>
              One per line, e.g. <code>p99&lt;200ms</code>, <code>errors&lt;1%</code>, <code>rps&gt;100</code>
            </>
          }
        >
          {(field) => (
            <textarea
              {...field}
              rows={2}
              spellCheck={false}
              value={draft.thresholds}
              onChange={(e) => set({ thresholds: e.target.value })}
            />
          )}
        </FormField>
      </fieldset>
      <div className="load-actions">{actions}</div>
    </form>
  );
}
