import { base64Decode } from '@bufbuild/protobuf/wire';

/*
 * Bytes a person pasted: hexadecimal (spaces, line breaks, commas, 0x and \x prefixes allowed,
 * as hex dumps and C arrays print them) or base64 (standard or URL-safe, padding optional).
 * Text that is valid as both (e.g. "cafe") is read as hexadecimal unless base64 is asked for.
 */

export type PastedEncoding = 'auto' | 'hex' | 'base64';

export class PastedBytesError extends Error {}

export function parsePastedBytes(text: string, encoding: PastedEncoding = 'auto'): Uint8Array {
  const trimmed = text.trim();
  if (trimmed === '') return new Uint8Array(0);
  const hex = trimmed.replace(/0x|\\x/gi, '').replace(/[\s,:]+/g, '');
  const looksHex = /^[0-9a-f]*$/i.test(hex);
  if (encoding === 'hex' || (encoding === 'auto' && looksHex && hex.length % 2 === 0)) {
    const bad = /[^0-9a-f]/i.exec(hex);
    if (bad)
      throw new PastedBytesError(`"${bad[0]}" is not a hexadecimal digit (character ${bad.index + 1} of the digits).`);
    if (hex.length % 2 !== 0)
      throw new PastedBytesError(`${hex.length} hexadecimal digits is an odd number: each byte takes two.`);
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    return out;
  }
  const b64 = trimmed.replace(/\s+/g, '');
  const bad = /[^A-Za-z0-9+/_=-]/.exec(b64);
  if (bad) {
    throw new PastedBytesError(
      `"${bad[0]}" at character ${bad.index + 1} is neither hexadecimal nor base64. Paste the bytes as hexadecimal (e.g. 08 96 01) or base64 (e.g. CJYB).`,
    );
  }
  if (b64.replace(/=+$/, '').length % 4 === 1) {
    throw new PastedBytesError('The base64 text is cut short: its length leaves one character over.');
  }
  return base64Decode(b64);
}
