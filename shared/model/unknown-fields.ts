/**
 * Fields a received message carried that the loaded schema does not know: the server's schema is
 * ahead of ours (newer protos on the server than in the workspace). Protobuf keeps them as bytes;
 * the engine decodes them as far as the wire format allows, since without the schema the wire
 * type is all that is known about a value.
 */
export type WireTypeName = 'varint' | 'fixed64' | 'length-delimited' | 'group' | 'fixed32';

export interface UnknownField {
  /**
   * Where the field sits, as a JSON path of the message that carried it: '' for the top message,
   * 'user' or 'items[2]' for a nested one. Fields found inside an unknown value have none.
   */
  path?: string;
  number: number;
  wireType: WireTypeName;
  value: UnknownValue;
}

/** Numbers beyond 2^53 and floats that JSON cannot hold (NaN, Infinity) travel as text. */
export type UnknownValue =
  | { kind: 'varint'; unsigned: string; signed: string; zigzag: string }
  | { kind: 'fixed32'; unsigned: string; signed: string; float: string }
  | { kind: 'fixed64'; unsigned: string; signed: string; double: string }
  | {
      kind: 'bytes';
      length: number;
      /** The bytes as text, when they are valid UTF-8 and printable. */
      text?: string;
      /** The bytes read as a nested message, when they parse as one. */
      fields?: UnknownField[];
      /** Hexadecimal and base64 of at most the first UNKNOWN_BYTES_SHOWN bytes. */
      hex: string;
      base64: string;
      truncated?: boolean;
    }
  | { kind: 'group'; fields: UnknownField[] };

export const UNKNOWN_BYTES_SHOWN = 1024;

/** One value in a line: text quoted, a nested message in braces, numbers with their other readings. */
export function describeUnknownValue(value: UnknownValue): string {
  switch (value.kind) {
    case 'varint': {
      const other = [
        value.signed !== value.unsigned ? `int64 ${value.signed}` : '',
        value.zigzag !== value.unsigned ? `sint ${value.zigzag}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return other ? `${value.unsigned} (${other})` : value.unsigned;
    }
    case 'fixed32':
      return `${value.unsigned} (float ${value.float})`;
    case 'fixed64':
      return `${value.unsigned} (double ${value.double})`;
    case 'group':
      return `group { ${value.fields.map(describeNested).join(', ')} }`;
    case 'bytes':
      if (value.text !== undefined) return JSON.stringify(value.text);
      if (value.fields) return `{ ${value.fields.map(describeNested).join(', ')} }`;
      return `${value.length} bytes 0x${value.hex}${value.truncated ? '…' : ''}`;
  }
}

function describeNested(field: UnknownField): string {
  return `${field.number}: ${describeUnknownValue(field.value)}`;
}

/** "user.14 (length-delimited): "fr-FR"": the field's place, number, wire type and value. */
export function describeUnknownField(field: UnknownField): string {
  const place = field.path ? `${field.path}.${field.number}` : String(field.number);
  return `${place} (${field.wireType}): ${describeUnknownValue(field.value)}`;
}

export const SCHEMA_AHEAD_HINT =
  "The server sent fields this schema does not know: its schema is probably newer than the one loaded. Load the server's schema (reflection) or update the .proto files to read them.";
