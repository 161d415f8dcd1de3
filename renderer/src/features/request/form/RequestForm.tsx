import { useCallback, useId, useMemo } from 'react';
import { readBody, setAt, writeBody, type JsonPath } from '../../../../../shared/form/body-tree';
import { ErrorBox } from '../../../ui/ErrorBox';
import { FormContext, type FormContextValue, type FormParts } from './form-context';
import { MessageValue } from './MessageValue';
import { MessageFields, ValueInput } from './MessageFields';
import { useMessageForm } from './use-message-form';

const PARTS: FormParts = { Value: ValueInput, Message: MessageValue, Fields: MessageFields };

/**
 * The request body as a form of its message's fields. The JSON text stays the source of truth:
 * the form reads it on every change and each edit writes a whole new text, so the JSON view, a
 * save and a send all see the same body. Text that is not valid JSON is never rewritten: the form
 * says where it is broken and waits.
 */
export function RequestForm({
  text,
  onChange,
  typeName,
}: {
  tabId: string;
  text: string;
  onChange: (text: string) => void;
  typeName: string;
}) {
  const loaded = useMessageForm(typeName);
  const read = useMemo(() => readBody(text), [text]);
  const idPrefix = `form${useId().replace(/:/g, '')}`;
  // Each edit is one whole new text from the body as read: the JSON view follows at once.
  const edit = useCallback(
    (path: JsonPath, value: unknown) => {
      if (read.ok) onChange(writeBody(setAt(read.value, path, value)));
    },
    [read, onChange],
  );
  const context = useMemo<FormContextValue | undefined>(
    () => (loaded.status === 'ready' ? { form: loaded.form, edit, idPrefix, parts: PARTS } : undefined),
    [loaded, edit, idPrefix],
  );
  if (loaded.status === 'error')
    return <ErrorBox title={`Could not make a form of ${typeName}`} error={loaded.error} />;
  if (!context) return <p className="hint">Reading {typeName}…</p>;
  if (!read.ok)
    return (
      <div className="request-form" data-testid="request-form">
        <p className="form-notice" role="alert">
          The body is not valid JSON (line {read.line}, column {read.column}: {read.reason}). Fix it in the JSON view:
          the form shows it again once it reads, and your text is kept as it is.
        </p>
      </div>
    );
  const message = context.form.messages[typeName];
  return (
    <FormContext.Provider value={context}>
      <form
        className="request-form"
        data-testid="request-form"
        aria-label={`Request body form: ${typeName}`}
        onSubmit={(e) => e.preventDefault()}
      >
        {message ? (
          <MessageFields message={message} value={read.value} path={[]} />
        ) : (
          <p className="form-problem">{typeName} is not in the schema</p>
        )}
      </form>
    </FormContext.Provider>
  );
}
