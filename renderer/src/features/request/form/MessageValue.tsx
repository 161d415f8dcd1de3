import { useState } from 'react';
import { isObject } from '../../../../../shared/form/body-tree';
import { AnyInput } from './AnyInput';
import { useFormContext } from './form-context';
import { ScalarInput, type InputProps } from './ScalarInputs';
import { StructInput, TimestampInput, WellKnownTextInput } from './WellKnownInputs';

/**
 * A message-typed value: a well-known type's own input, or the message's fields in a group that
 * folds away. `inAny`: the fields sit beside an Any's "@type" (which is not one of them).
 */
export function MessageValue({ typeName, inAny, ...props }: InputProps & { typeName: string; inAny?: boolean }) {
  const { form } = useFormContext();
  const message = form.messages[typeName];
  if (!message) return <span className="form-problem">{typeName} is not in the schema</span>;
  switch (message.wellKnown) {
    case 'Timestamp':
      return <TimestampInput {...props} />;
    case 'Duration':
    case 'FieldMask':
      return <WellKnownTextInput kind={message.wellKnown} {...props} />;
    case 'Struct':
    case 'Value':
    case 'ListValue':
      return <StructInput kind={message.wellKnown} {...props} />;
    case 'wrapper':
      return <ScalarInput scalar={message.wrapped ?? 'string'} {...props} />;
    case 'Empty':
      return <span className="form-help">Empty: no fields</span>;
    case 'Any':
      return <AnyInput {...props} />;
    default:
      return <NestedMessage typeName={typeName} inAny={inAny} {...props} />;
  }
}

function NestedMessage({ typeName, inAny, ...props }: InputProps & { typeName: string; inAny?: boolean }) {
  const { form, parts } = useFormContext();
  const MessageFields = parts.Fields;
  const [open, setOpen] = useState(true);
  const message = form.messages[typeName]!;
  const groupId = `${props.id}-fields`;
  const set = isObject(props.value) ? Object.keys(props.value).filter((k) => k !== '@type').length : 0;
  return (
    <div className="form-message" role="group" aria-labelledby={`${props.id}-toggle`}>
      <button
        type="button"
        id={`${props.id}-toggle`}
        className="form-toggle"
        aria-expanded={open}
        aria-controls={groupId}
        aria-describedby={props.describedBy}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {props.what || typeName}{' '}
        <span className="form-type">
          {typeName} · {set} set
        </span>
      </button>
      {/* Folded: nothing below is drawn, so a deep or recursive message costs nothing until opened. */}
      {open && (
        <div id={groupId} className="form-fields">
          <MessageFields message={message} value={props.value} path={props.path} inAny={inAny} />
        </div>
      )}
    </div>
  );
}
