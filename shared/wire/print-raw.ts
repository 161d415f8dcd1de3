import { getTextEncoding } from '@bufbuild/protobuf/wire';
import type { WireNode, WireTree } from '../model/wire';

/*
 * A wire tree in the notation of `protoc --decode_raw` (field numbers, nested messages in
 * braces, fixed-width values in hexadecimal, text C-escaped), so output can be compared with
 * protoc's and read by anyone who knows it. Schema names, when known, follow as comments.
 */

export function printRawTree(tree: WireTree): string {
  const lines: string[] = [];
  printFields(tree.fields, '', lines);
  if (tree.error) lines.push(`# not a valid message from byte ${tree.error.offset} on: ${tree.error.reason}`);
  if (tree.decoded < tree.size) lines.push(`# the first ${tree.decoded} of ${tree.size} bytes are shown`);
  if (tree.nodesCut) lines.push('# more fields than are listed');
  return lines.map((l) => `${l}\n`).join('');
}

function printFields(fields: WireNode[], indent: string, lines: string[]): void {
  for (const node of fields) {
    const note = node.name ? `  # ${node.name}` : node.unknown ? '  # unknown to the schema' : '';
    const v = node.value;
    switch (v.kind) {
      case 'message':
      case 'group':
        lines.push(`${indent}${node.field} {${note}`);
        printFields(v.fields, `${indent}  `, lines);
        lines.push(`${indent}}`);
        break;
      case 'varint':
        lines.push(`${indent}${node.field}: ${v.unsigned}${note}`);
        break;
      case 'fixed32':
        lines.push(`${indent}${node.field}: 0x${BigInt(v.unsigned).toString(16).padStart(8, '0')}${note}`);
        break;
      case 'fixed64':
        lines.push(`${indent}${node.field}: 0x${BigInt(v.unsigned).toString(16).padStart(16, '0')}${note}`);
        break;
      case 'string':
        lines.push(`${indent}${node.field}: "${cEscape(getTextEncoding().encodeUtf8(v.text))}"${note}`);
        break;
      case 'bytes':
        lines.push(`${indent}${node.field}: "${cEscape(hexBytes(v.hex))}"${v.truncated ? '...' : ''}${note}`);
        break;
      case 'packed':
        lines.push(`${indent}${node.field}: [${v.items.join(', ')}]${note}`);
        break;
    }
  }
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const ESCAPES: Record<number, string> = { 10: '\\n', 13: '\\r', 9: '\\t', 34: '\\"', 39: "\\'", 92: '\\\\' };

/** protobuf's CEscape: the common escapes, other bytes outside printable ASCII as three octal digits. */
export function cEscape(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    out += ESCAPES[b] ?? (b < 0x20 || b >= 0x7f ? `\\${b.toString(8).padStart(3, '0')}` : String.fromCharCode(b));
  }
  return out;
}
