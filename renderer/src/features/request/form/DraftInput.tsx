import { useState } from 'react';
import type { Parsed } from '../../../../../shared/form/scalars';

/**
 * A text input whose text is written to the body only once it means something valid: while it
 * does not, the text stays here with what is wrong beside it, and the body keeps its last good
 * value. A change of the body from elsewhere (the JSON view) replaces the draft.
 */
export function DraftInput({
  id,
  shown,
  parse,
  onValid,
  describedBy,
  placeholder,
  what,
  multiline,
  inputMode,
}: {
  id: string;
  /** The text the body's value shows as. */
  shown: string;
  parse: (text: string) => Parsed;
  onValid: (json: unknown) => void;
  describedBy?: string;
  placeholder?: string;
  /** The field as people read it, to say which field is wrong. */
  what: string;
  multiline?: boolean;
  inputMode?: 'numeric' | 'decimal' | 'text';
}) {
  const [draft, setDraft] = useState(shown);
  const [problem, setProblem] = useState<string | undefined>();
  // The body changed from elsewhere (or took this draft): show what it holds now.
  const [seen, setSeen] = useState(shown);
  if (seen !== shown) {
    setSeen(shown);
    setDraft(shown);
    setProblem(undefined);
  }
  const change = (text: string) => {
    setDraft(text);
    const parsed = parse(text);
    if (parsed.ok) {
      setProblem(undefined);
      onValid(parsed.json);
    } else setProblem(parsed.problem);
  };
  const problemId = `${id}-problem`;
  const props = {
    id,
    // Named by its path (origin.label): the visible label says only the field's own name.
    'aria-label': what,
    value: draft,
    placeholder,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': [describedBy, problem ? problemId : undefined].filter(Boolean).join(' ') || undefined,
    spellCheck: false,
  };
  return (
    <span className="form-input">
      {multiline ? (
        <textarea
          {...props}
          rows={Math.min(10, Math.max(2, draft.split('\n').length))}
          onChange={(e) => change(e.target.value)}
        />
      ) : (
        <input {...props} inputMode={inputMode} onChange={(e) => change(e.target.value)} />
      )}
      {problem && (
        <span className="form-problem" id={problemId} role="alert">
          {what}: {problem}
        </span>
      )}
    </span>
  );
}
