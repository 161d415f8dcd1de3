/**
 * JSON with every character past ASCII written as a \u escape, for the large cache files the
 * engine reads back: a handful of comments in another script (45 bytes in all of googleapis'
 * 14 MB compile manifest) make the whole text a two-byte string for V8, twice the memory and
 * slower to decode and parse. JSON.parse reads the escaped text back to the same value.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(NON_ASCII, escapeUnit);
}

// Per UTF-16 code unit: a character beyond the BMP becomes its two escaped surrogates, as JSON allows.
const NON_ASCII = /[\u0080-\uffff]/g;
const escapeUnit = (unit: string) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
