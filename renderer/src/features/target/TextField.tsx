export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  inputMode?: 'decimal';
  error?: string;
}

/** One labelled text input of the settings dialog, with its error below it. */
export function TextField(props: TextFieldProps) {
  const errorId = `${props.id}-error`;
  return (
    <div className="settings-field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        value={props.value}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        spellCheck={false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error && (
        <p id={errorId} className="settings-error">
          {props.error}
        </p>
      )}
    </div>
  );
}
