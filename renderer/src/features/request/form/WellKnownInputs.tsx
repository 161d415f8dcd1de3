import { useState } from 'react';
import { readBody, writeBody } from '../../../../../shared/form/body-tree';
import type { Parsed } from '../../../../../shared/form/scalars';
import { joinTimestamp, parseDuration, parseFieldMask, splitTimestamp } from '../../../../../shared/form/well-known';
import type { WellKnownForm } from '../../../../../shared/model/message-form';
import { DraftInput } from './DraftInput';
import { useFormContext } from './form-context';
import type { InputProps } from './ScalarInputs';

/** Duration and FieldMask: text checked as proto3 JSON writes them. */
export function WellKnownTextInput({ kind, ...props }: InputProps & { kind: 'Duration' | 'FieldMask' }) {
  const { edit } = useFormContext();
  return (
    <DraftInput
      id={props.id}
      shown={typeof props.value === 'string' ? props.value : ''}
      parse={kind === 'Duration' ? parseDuration : parseFieldMask}
      onValid={(json) => edit(props.path, json)}
      describedBy={props.describedBy}
      placeholder={kind === 'Duration' ? 'e.g. 1.5s' : 'e.g. user.displayName,photo'}
      what={props.what}
    />
  );
}

const STRUCT_KINDS: Partial<Record<WellKnownForm, { test: (v: unknown) => boolean; wanted: string }>> = {
  Struct: { test: (v) => v !== null && typeof v === 'object' && !Array.isArray(v), wanted: 'a JSON object' },
  ListValue: { test: Array.isArray, wanted: 'a JSON array' },
  Value: { test: () => true, wanted: 'any JSON value' },
};

/** Struct, Value and ListValue are JSON themselves: edited as JSON, read exactly. */
export function StructInput({ kind, ...props }: InputProps & { kind: 'Struct' | 'Value' | 'ListValue' }) {
  const { edit } = useFormContext();
  const rule = STRUCT_KINDS[kind]!;
  const parse = (text: string): Parsed => {
    const read = readBody(text);
    if (!read.ok) return { ok: false, problem: `not JSON: line ${read.line}, column ${read.column}: ${read.reason}` };
    return rule.test(read.value) ? { ok: true, json: read.value } : { ok: false, problem: `${kind} is ${rule.wanted}` };
  };
  return (
    <DraftInput
      id={props.id}
      shown={props.value === undefined ? '' : writeBody(props.value)}
      parse={parse}
      onValid={(json) => edit(props.path, json)}
      describedBy={props.describedBy}
      placeholder={kind === 'ListValue' ? '[1, "a"]' : kind === 'Struct' ? '{"key": "value"}' : 'any JSON'}
      what={props.what}
      multiline
    />
  );
}

/** A Timestamp: a date-time picker in UTC (to the second) and nanoseconds; the JSON keeps RFC 3339. */
export function TimestampInput({ id, value, path, what, describedBy }: InputProps) {
  const { edit } = useFormContext();
  const fromBody = (v: unknown) => {
    const split = typeof v === 'string' ? splitTimestamp(v) : undefined;
    return {
      utc: split?.ok ? split.utc : '',
      nanos: split?.ok ? String(split.nanos) : '0',
      problem: split && !split.ok ? `the JSON holds "${String(v)}": ${split.problem}` : undefined,
    };
  };
  const [utc, setUtc] = useState(() => fromBody(value).utc);
  const [nanos, setNanos] = useState(() => fromBody(value).nanos);
  const [problem, setProblem] = useState(() => fromBody(value).problem);
  // The body changed from elsewhere (or took these inputs): show what it holds now.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    const now = fromBody(value);
    setSeen(value);
    setUtc(now.utc);
    setNanos(now.nanos);
    setProblem(now.problem);
  }
  const change = (nextUtc: string, nextNanos: string) => {
    setUtc(nextUtc);
    setNanos(nextNanos);
    const joined = joinTimestamp(nextUtc, nextNanos);
    if (joined.ok) {
      setProblem(undefined);
      edit(path, joined.json);
    } else setProblem(joined.problem);
  };
  const problemId = `${id}-problem`;
  return (
    <span className="form-timestamp">
      <input
        id={id}
        type="datetime-local"
        aria-label={what}
        step={1}
        value={utc}
        aria-describedby={[describedBy, problem ? problemId : ''].filter(Boolean).join(' ') || undefined}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => change(e.target.value, nanos)}
      />
      <span className="form-unit">UTC</span>
      <label>
        <span className="form-unit">+ nanos</span>
        <input
          aria-label={`${what}: nanoseconds`}
          inputMode="numeric"
          size={10}
          value={nanos}
          onChange={(e) => change(utc, e.target.value)}
        />
      </label>
      {problem && (
        <span className="form-problem" id={problemId} role="alert">
          {what}: {problem}
        </span>
      )}
    </span>
  );
}
