import { useId, type ReactNode } from 'react';

/**
 * One labelled input of the Load form with its hint and error tied to it (aria-describedby), so
 * a screen reader says what is wrong where the user is.
 */
export function FormField({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: ReactNode;
  children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="load-field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {hint && (
        <span id={hintId} className="load-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="load-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** A number typed as text (kept as typed until Start), with its unit after it. */
export function NumberInput({
  value,
  onChange,
  placeholder,
  unit,
  field,
}: {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  unit?: string;
  field: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string };
}) {
  return (
    <span className="load-number">
      <input
        {...field}
        type="text"
        inputMode="decimal"
        size={8}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
      {unit && <span className="unit">{unit}</span>}
    </span>
  );
}
