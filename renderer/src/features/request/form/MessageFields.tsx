import { getAt, isObject, type JsonPath } from '../../../../../shared/form/body-tree';
import { chosenMember, defaultFor, fieldKey, pickMember } from '../../../../../shared/form/fields';
import type { FormField, FormMessage, FormValueType } from '../../../../../shared/model/message-form';
import { ListEditor, MapEditor } from './Collections';
import { pathId, pathLabel, useFormContext } from './form-context';
import { EnumSelect, ScalarInput, type InputProps } from './ScalarInputs';

/** A message's fields in declaration order; each oneof once, where its first member is declared. */
export function MessageFields({
  message,
  value,
  path,
  inAny,
}: {
  message: FormMessage;
  value: unknown;
  path: JsonPath;
  inAny?: boolean;
}) {
  const seen = new Set<string>();
  const unknownKeys = isObject(value)
    ? Object.keys(value).filter(
        (k) => !(inAny && k === '@type') && !message.fields.some((f) => f.jsonName === k || f.name === k),
      )
    : [];
  return (
    <>
      {message.comment && path.length === 0 && <p className="form-help">{message.comment}</p>}
      {message.fields.length === 0 && <p className="form-help">No fields.</p>}
      {message.fields.map((field) => {
        if (!field.oneof) return <FieldRow key={field.number} field={field} parent={value} path={path} />;
        if (seen.has(field.oneof)) return null;
        seen.add(field.oneof);
        return (
          <OneofGroup key={`oneof ${field.oneof}`} message={message} oneof={field.oneof} parent={value} path={path} />
        );
      })}
      {unknownKeys.length > 0 && (
        <p className="form-problem" role="alert">
          Not fields of {message.typeName}: {unknownKeys.join(', ')} (fix them in the JSON view).
        </p>
      )}
    </>
  );
}

/** Pick one member of a oneof (or none); picking clears the others. */
function OneofGroup({
  message,
  oneof,
  parent,
  path,
}: {
  message: FormMessage;
  oneof: string;
  parent: unknown;
  path: JsonPath;
}) {
  const { form, edit, idPrefix } = useFormContext();
  const chosen = chosenMember(parent, message, oneof);
  const id = pathId(idPrefix, [...path, `oneof:${oneof}`]);
  const name = pathLabel([...path, oneof]);
  return (
    <fieldset className="form-oneof">
      <legend>
        <label htmlFor={id}>oneof {oneof}</label>
      </legend>
      <select
        id={id}
        aria-label={`oneof ${name}`}
        value={chosen?.jsonName ?? ''}
        onChange={(e) => edit(path, pickMember(parent, message, oneof, e.target.value || undefined, form))}
      >
        <option value="">(none)</option>
        {message.fields
          .filter((f) => f.oneof === oneof)
          .map((f) => (
            <option key={f.number} value={f.jsonName}>
              {f.jsonName}
            </option>
          ))}
      </select>
      {chosen && <FieldRow field={chosen} parent={parent} path={path} />}
    </fieldset>
  );
}

/** One field: its label, its help, whether it is set, and its input. */
function FieldRow({ field, parent, path }: { field: FormField; parent: unknown; path: JsonPath }) {
  const { edit, form, idPrefix } = useFormContext();
  const key = fieldKey(parent, field);
  const fieldPath = [...path, key];
  const value = getAt(parent, [key]);
  const present = value !== undefined && value !== null;
  const id = pathId(idPrefix, fieldPath);
  const helpId = field.comment ? `${id}-help` : undefined;
  const what = pathLabel(fieldPath);
  const isMessage = field.type.kind === 'message' && !field.cardinality;
  const props: InputProps = { id, value, path: fieldPath, what, describedBy: helpId };
  // Singular messages (wrappers, Empty, Any included) are unset until asked for: null in proto3 JSON.
  const needsSet = isMessage && !present;
  return (
    <div className={`form-field${field.deprecated ? ' deprecated' : ''}`}>
      <div className="form-label">
        {needsSet || (isMessage && !isWellKnownInput(field.type, form)) ? (
          <span className="form-name" id={`${id}-label`}>
            {field.jsonName}
          </span>
        ) : (
          <label className="form-name" htmlFor={id}>
            {field.jsonName}
          </label>
        )}
        <span className="form-type">{typeLabel(field)}</span>
        {field.deprecated && <span className="form-type">deprecated</span>}
        {needsSet && <span className="form-type">· unset</span>}
        <span className="spacer" />
        {needsSet ? (
          <button
            type="button"
            aria-label={`Set ${what}`}
            onClick={() => edit(fieldPath, defaultFor(field.type, form))}
          >
            Set
          </button>
        ) : (
          (present || (isObject(parent) && Object.hasOwn(parent, key))) && (
            <button
              type="button"
              className="form-clear"
              aria-label={`Unset ${what}`}
              title={
                field.explicitPresence || isMessage
                  ? 'Unset: remove it from the JSON'
                  : 'Remove it: the field takes its default'
              }
              onClick={() => edit(fieldPath, undefined)}
            >
              Unset
            </button>
          )
        )}
      </div>
      {helpId && (
        <p className="form-help" id={helpId}>
          {field.comment}
        </p>
      )}
      {needsSet ? null : field.cardinality === 'list' ? (
        <ListEditor field={field} {...props} />
      ) : field.cardinality === 'map' ? (
        <MapEditor field={field} {...props} />
      ) : (
        <ValueInput type={field.type} {...props} />
      )}
    </div>
  );
}

/** Messages drawn as one input (a Timestamp, a wrapper...) take a <label>; others are groups. */
function isWellKnownInput(type: FormValueType, form: ReturnType<typeof useFormContext>['form']): boolean {
  if (type.kind !== 'message') return true;
  const wk = form.messages[type.message]?.wellKnown;
  return wk !== undefined && wk !== 'Empty';
}

function typeLabel(field: FormField): string {
  const t = field.type;
  const name = t.kind === 'scalar' ? t.scalar : t.kind === 'enum' ? t.enum : t.message;
  const short = name.replace(/^google\.protobuf\./, '');
  if (field.cardinality === 'list') return `repeated ${short}`;
  if (field.cardinality === 'map') return `map<${field.mapKey}, ${short}>`;
  if (field.required) return `required ${short}`;
  return field.explicitPresence && !field.oneof ? `optional ${short}` : short;
}

/** One value of a type: a scalar's, an enum's or a message's input. */
export function ValueInput({ type, ...props }: InputProps & { type: FormValueType }) {
  const { form, parts } = useFormContext();
  const MessageValue = parts.Message;
  switch (type.kind) {
    case 'scalar':
      return <ScalarInput scalar={type.scalar} {...props} />;
    case 'enum':
      return <EnumSelect type={form.enums[type.enum]} {...props} />;
    case 'message':
      return <MessageValue typeName={type.message} {...props} />;
  }
}
