import { FieldShell, PathField, type PathFieldProps } from '../../ui/PathField';
import { appendPaths } from './settings-form';

export { PathField };

/** Several paths, one per line; picked paths are appended. */
export function PathListField(props: PathFieldProps & { placeholder?: string }) {
  return (
    <FieldShell {...props} onPicked={(paths) => props.onChange(appendPaths(props.value, paths))}>
      {(describedBy) => (
        <textarea
          id={props.id}
          rows={3}
          value={props.value}
          placeholder={props.placeholder}
          spellCheck={false}
          wrap="off"
          disabled={props.disabled}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </FieldShell>
  );
}
