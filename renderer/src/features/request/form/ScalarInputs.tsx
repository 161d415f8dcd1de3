import { useState } from 'react';
import { base64ToHex, bytesToBase64, hexToBase64, parseScalar, scalarText } from '../../../../../shared/form/scalars';
import type { FormEnum, FormScalar } from '../../../../../shared/model/message-form';
import { chooseFileBytes } from '../../../ui/files';
import { DraftInput } from './DraftInput';
import { useFormContext } from './form-context';
import type { JsonPath } from '../../../../../shared/form/body-tree';

export interface InputProps {
  id: string;
  value: unknown;
  path: JsonPath;
  /** The field as people read it (origin.label), for problems and labels. */
  what: string;
  describedBy?: string;
}

const PLACEHOLDERS: Partial<Record<FormScalar, string>> = {
  int64: '0 (exact: any 64-bit integer)',
  uint64: '0 (exact: any 64-bit unsigned integer)',
  float: '0, 1.5, NaN, Infinity',
  double: '0, 1.5, NaN, Infinity',
};

/** A string, number, 64-bit integer (as exact text) or bool. */
export function ScalarInput({ scalar, ...props }: InputProps & { scalar: FormScalar }) {
  const { edit } = useFormContext();
  if (scalar === 'bool')
    return (
      <input
        id={props.id}
        type="checkbox"
        aria-label={props.what}
        checked={props.value === true || props.value === 'true'}
        aria-describedby={props.describedBy}
        onChange={(e) => edit(props.path, e.target.checked)}
      />
    );
  if (scalar === 'bytes') return <BytesInput {...props} />;
  const numeric = scalar !== 'string';
  return (
    <DraftInput
      id={props.id}
      shown={scalarText(scalar, props.value)}
      parse={(text) => parseScalar(scalar, text)}
      onValid={(json) => edit(props.path, json)}
      describedBy={props.describedBy}
      placeholder={PLACEHOLDERS[scalar] ?? (numeric ? '0' : '')}
      what={props.what}
      inputMode={numeric ? (scalar === 'float' || scalar === 'double' ? 'decimal' : 'numeric') : 'text'}
    />
  );
}

/** Largest file read into a bytes field: past this a body is no longer something to edit. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Bytes as base64 (what the JSON holds) or hex, or read from a file. */
function BytesInput({ id, value, path, what, describedBy }: InputProps) {
  const { edit } = useFormContext();
  const [hex, setHex] = useState(false);
  const [fileProblem, setFileProblem] = useState<string | undefined>();
  const base64 = typeof value === 'string' ? value : '';
  const shown = hex ? safeHex(base64) : base64;
  const fromFile = async () => {
    const chosen = await chooseFileBytes(MAX_FILE_BYTES);
    if (!chosen) return;
    if ('tooLarge' in chosen)
      setFileProblem(`${chosen.name} has ${chosen.tooLarge} bytes; a bytes field takes at most ${MAX_FILE_BYTES}`);
    else {
      setFileProblem(undefined);
      edit(path, bytesToBase64(chosen.bytes));
    }
  };
  return (
    <span className="form-bytes">
      <DraftInput
        id={id}
        shown={shown}
        parse={(text) => (hex ? hexToBase64(text) : parseScalar('bytes', text))}
        onValid={(json) => edit(path, json)}
        describedBy={describedBy}
        placeholder={hex ? 'hex, e.g. 00 ff 10' : 'base64'}
        what={what}
      />
      <select
        aria-label={`${what}: written as`}
        value={hex ? 'hex' : 'base64'}
        onChange={(e) => setHex(e.target.value === 'hex')}
      >
        <option value="base64">base64</option>
        <option value="hex">hex</option>
      </select>
      <button type="button" onClick={() => void fromFile()} aria-label={`${what}: from a file`}>
        From file…
      </button>
      {fileProblem && (
        <span className="form-problem" role="alert">
          {fileProblem}
        </span>
      )}
    </span>
  );
}

function safeHex(base64: string): string {
  try {
    return base64ToHex(base64);
  } catch {
    return '';
  }
}

/** An enum's values by name, each with its comment; a number the schema does not name is kept. */
export function EnumSelect({ type, id, value, path, describedBy, what }: InputProps & { type: FormEnum | undefined }) {
  const { edit } = useFormContext();
  const values = type?.values ?? [];
  const current =
    typeof value === 'number'
      ? (values.find((v) => v.number === value)?.name ?? String(value))
      : typeof value === 'string'
        ? value
        : (values[0]?.name ?? '');
  const known = values.some((v) => v.name === current);
  const comment = values.find((v) => v.name === current)?.comment;
  return (
    <span className="form-enum">
      <select
        id={id}
        aria-label={what}
        value={current}
        aria-describedby={describedBy}
        onChange={(e) => edit(path, e.target.value)}
      >
        {!known && <option value={current}>{current} (not in the schema)</option>}
        {values.map((v) => (
          <option key={v.name} value={v.name} title={v.comment}>
            {v.name} = {v.number}
            {v.comment ? ` — ${v.comment}` : ''}
          </option>
        ))}
      </select>
      {comment && <span className="form-help">{comment}</span>}
    </span>
  );
}
