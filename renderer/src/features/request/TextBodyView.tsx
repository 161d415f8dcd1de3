import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodDetails } from '../../../../shared/contract';
import { toErrorData, type ErrorData } from '../../../../shared/model/errors';
import { convertMessage, registerBodyFlush } from '../../api';
import { ErrorBox } from '../../ui/ErrorBox';
import type { EditorMarker } from '../../ui/monaco/JsonEditor';
import { JsonEditor } from '../../ui/monaco/lazy';

/** How long typing pauses before the text is converted (each conversion is a round trip). */
const CONVERT_AFTER_MS = 250;

export interface TextBodyViewProps {
  tabId: string;
  /** The body as JSON text, the one source of truth. */
  text: string;
  onChange: (json: string) => void;
  details: MethodDetails;
  onSubmit: () => void;
}

/**
 * What was typed in each tab's text view and the JSON it was typed over: a text that is not yet
 * a valid message survives switching views (or tabs) and comes back while the JSON is unchanged.
 */
const drafts = new Map<string, { text: string; json: string }>();

/** What the view shows, and for which JSON body: shown for another body, it is out of date. */
type Shown = { json: string } & (
  { status: 'loading' } | { status: 'ready'; text: string } | { status: 'unconvertible'; error: ErrorData }
);

/**
 * The request body in protobuf text format. The engine converts the JSON to text when the view
 * opens, and each edit back to JSON; text that is not a valid message keeps what the user typed,
 * marks the line, and holds the JSON (and sending) where it was until it is fixed.
 */
export function TextBodyView({ tabId, text: json, onChange, details, onSubmit }: TextBodyViewProps) {
  const type = details.method.requestType;
  const [shown, setShown] = useState<Shown>(() => {
    const draft = drafts.get(tabId);
    return draft?.json === json ? { status: 'ready', text: draft.text, json } : { status: 'loading', json };
  });
  const [problem, setProblem] = useState<ErrorData | undefined>(undefined);
  // The JSON this view wrote last: a body changed elsewhere (Insert template, a saved request) is converted again.
  const written = useRef<string | undefined>(undefined);
  const latest = useRef<{ text: string; converting?: Promise<boolean> } | undefined>(undefined);

  useEffect(() => {
    if (json === written.current) return;
    const draft = drafts.get(tabId);
    if (draft?.json === json) {
      // Shown from the first render (see useState above); converted again to say what is wrong.
      latest.current ??= { text: draft.text };
      return;
    }
    // The body changed elsewhere (Insert template, a saved request): what was typed here is replaced.
    drafts.delete(tabId);
    latest.current = undefined;
    let current = true;
    convertMessage(type, 'json', 'text', json).then(
      (text) => current && (setShown({ status: 'ready', text, json }), setProblem(undefined)),
      (error: unknown) => current && setShown({ status: 'unconvertible', error: toErrorData(error), json }),
    );
    return () => {
      current = false;
    };
  }, [json, type, tabId]);

  /** Converts the text as it stands; true when the JSON now matches it. */
  const convert = useCallback(
    (text: string): Promise<boolean> =>
      convertMessage(type, 'text', 'json', text).then(
        (converted) => {
          if (latest.current?.text !== text) return false;
          written.current = converted;
          drafts.delete(tabId);
          setShown((shown) => ({ ...shown, json: converted }));
          setProblem(undefined);
          onChange(converted);
          return true;
        },
        (error: unknown) => {
          if (latest.current?.text === text) setProblem(toErrorData(error));
          return false;
        },
      ),
    [type, onChange, tabId],
  );

  useEffect(() => {
    const pending = latest.current;
    if (!pending || pending.converting) return;
    const timer = setTimeout(() => {
      pending.converting = convert(pending.text);
    }, CONVERT_AFTER_MS);
    return () => clearTimeout(timer);
  });

  useEffect(
    () =>
      registerBodyFlush(tabId, () => {
        const pending = latest.current;
        if (!pending) return Promise.resolve(true);
        return (pending.converting ??= convert(pending.text));
      }),
    [tabId, convert],
  );

  const onEdit = (text: string) => {
    latest.current = { text };
    drafts.set(tabId, { text, json });
    setShown({ status: 'ready', text, json });
  };

  if (shown.status === 'loading' || shown.json !== json)
    return <p className="hint">Converting the body to text format…</p>;
  if (shown.status === 'unconvertible')
    return <ErrorBox title="The JSON body cannot be shown as text format until it is valid" error={shown.error} />;
  const at = problemAt(problem);
  return (
    <>
      {problem && (
        <p className="text-format-problem" role="alert" data-testid="text-format-problem">
          {problem.message.replace(/\.?$/, '.')} The request keeps its last valid body until this is fixed.
        </p>
      )}
      <JsonEditor
        documentId={tabId}
        value={shown.text}
        onChange={onEdit}
        onSubmit={onSubmit}
        language="textproto"
        markers={at}
        ariaLabel="Request body in text format"
        testId="request-text-editor"
      />
    </>
  );
}

function problemAt(problem: ErrorData | undefined): EditorMarker[] | undefined {
  const details = problem?.details as { line?: number; column?: number } | undefined;
  if (!problem || details?.line === undefined) return undefined;
  return [{ line: details.line, column: details.column ?? 1, message: problem.message }];
}
