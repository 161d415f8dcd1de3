import { useMemo } from 'react';
import { anyHolding } from '../../../../../shared/form/fields';
import { anyTypeName } from '../../../../../shared/form/well-known';
import { loadMessageForm } from '../../../api';
import { ErrorBox } from '../../../ui/ErrorBox';
import { FormContext, useFormContext } from './form-context';
import type { InputProps } from './ScalarInputs';
import { useMessageForm } from './use-message-form';

/**
 * An Any: pick a message type of the schema, then fill its form. Picking another type starts an
 * empty message of that type (fields of one type mean nothing in another).
 */
export function AnyInput(props: InputProps) {
  const context = useFormContext();
  const chosen = anyTypeName(props.value);
  const loaded = useMessageForm(chosen);
  const inner = useMemo(
    () => (loaded.status === 'ready' ? { ...context, form: loaded.form } : undefined),
    [context, loaded],
  );
  const pick = (typeName: string) => {
    if (!typeName) return context.edit(props.path, {});
    // The picked type's own form knows whether it is a well-known type (its JSON under "value").
    loadMessageForm(typeName).then(
      (form) => context.edit(props.path, anyHolding(typeName, form)),
      // The type's form fails the same way below once picked: a bare Any names it meanwhile.
      () => context.edit(props.path, { '@type': `type.googleapis.com/${typeName}` }),
    );
  };
  const types = context.form.anyTypes;
  return (
    <div className="form-any">
      <label className="form-any-type">
        <span>type</span>
        <select
          id={props.id}
          aria-label={`${props.what}: type`}
          value={chosen ?? ''}
          aria-describedby={props.describedBy}
          onChange={(e) => pick(e.target.value)}
        >
          <option value="">(pick a message type)</option>
          {chosen && !types.includes(chosen) && <option value={chosen}>{chosen} (not in the schema)</option>}
          {types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      {loaded.status === 'error' && <ErrorBox title={`Could not describe ${chosen}`} error={loaded.error} />}
      {chosen && inner && (
        <FormContext.Provider value={inner}>
          <AnyContent typeName={chosen} {...props} />
        </FormContext.Provider>
      )}
    </div>
  );
}

function AnyContent({ typeName, ...props }: InputProps & { typeName: string }) {
  const { form, parts } = useFormContext();
  const MessageValue = parts.Message;
  const wellKnown = form.messages[typeName]?.wellKnown;
  // A well-known type's JSON sits under "value"; any other message's fields beside "@type".
  if (wellKnown && wellKnown !== 'Any') {
    const value = props.value as Record<string, unknown>;
    return <MessageValue typeName={typeName} {...props} value={value.value} path={[...props.path, 'value']} />;
  }
  return <MessageValue typeName={typeName} {...props} inAny />;
}
