import type { FormField, FormMessage, FormValueType, MessageForm } from '../model/message-form';
import { isObject } from './body-tree';

/*
 * Message structure as proto3 JSON writes it: which key a field has in the body, default values
 * for a new item or a picked oneof member, and oneof picking.
 */

/** The key a field has in this object: its JSON name, or its proto name when the user typed that. */
export function fieldKey(obj: unknown, field: FormField): string {
  if (isObject(obj) && !Object.hasOwn(obj, field.jsonName) && Object.hasOwn(obj, field.name)) return field.name;
  return field.jsonName;
}

/** The zero value of a type as a new list item, map value or picked oneof member shows it. */
export function defaultFor(type: FormValueType, form: MessageForm): unknown {
  switch (type.kind) {
    case 'scalar':
      switch (type.scalar) {
        case 'string':
        case 'bytes':
          return '';
        case 'bool':
          return false;
        case 'int64':
        case 'uint64':
          return '0';
        default:
          return 0;
      }
    case 'enum':
      return form.enums[type.enum]?.values[0]?.name ?? 0;
    case 'message':
      return defaultMessage(form.messages[type.message], form);
  }
}

function defaultMessage(message: FormMessage | undefined, form: MessageForm): unknown {
  switch (message?.wellKnown) {
    case 'Timestamp':
      return '1970-01-01T00:00:00Z';
    case 'Duration':
      return '0s';
    case 'FieldMask':
      return '';
    case 'ListValue':
      return [];
    case 'Value':
      return null;
    case 'wrapper':
      return defaultFor({ kind: 'scalar', scalar: message.wrapped ?? 'string' }, form);
    default:
      return {};
  }
}

/** The member of a oneof the object sets (by JSON name), if any. */
export function chosenMember(obj: unknown, message: FormMessage, oneof: string): FormField | undefined {
  if (!isObject(obj)) return undefined;
  return message.fields.find(
    (f) =>
      f.oneof === oneof &&
      (Object.hasOwn(obj, f.jsonName) || Object.hasOwn(obj, f.name)) &&
      obj[fieldKey(obj, f)] !== null,
  );
}

/**
 * The object with one member of a oneof picked (given its zero value) and every other member
 * removed; with no member, the oneof is cleared. The members' keys, JSON and proto names alike,
 * go: protobuf refuses a message that sets two.
 */
export function pickMember(
  obj: unknown,
  message: FormMessage,
  oneof: string,
  member: string | undefined,
  form: MessageForm,
): Record<string, unknown> {
  const current = chosenMember(obj, message, oneof);
  const keep = current && current.jsonName === member ? current : undefined;
  const members = message.fields.filter((f) => f.oneof === oneof);
  const entries = Object.entries(isObject(obj) ? obj : {}).filter(
    ([k]) => !members.some((f) => f !== keep && (k === f.jsonName || k === f.name)),
  );
  const picked = members.find((f) => f.jsonName === member);
  if (picked && !keep) entries.push([picked.jsonName, defaultFor(picked.type, form)]);
  return Object.fromEntries(entries);
}

/**
 * A new Any holding a zero message of the type picked: "@type" names it; a well-known type's
 * JSON goes under "value", any other type's fields sit beside "@type".
 */
export function anyHolding(typeName: string, form: MessageForm): Record<string, unknown> {
  const message = form.messages[typeName];
  const any: Record<string, unknown> = { '@type': `type.googleapis.com/${typeName}` };
  if (message?.wellKnown && message.wellKnown !== 'Any') any.value = defaultMessage(message, form);
  return any;
}
