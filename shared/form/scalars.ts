import { base64Decode, base64Encode } from '@bufbuild/protobuf/wire';
import type { FormScalar } from '../model/message-form';

/*
 * One scalar value of a form: what its input shows, and what typed text means in proto3 JSON.
 * 64-bit integers go from text to text, checked with BigInt: never through a double.
 */

export type Parsed = { ok: true; json: unknown } | { ok: false; problem: string };

const INT_RANGES: Partial<Record<FormScalar, [bigint, bigint]>> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

const FLOAT_MAX = 3.4028234663852886e38;
const SPECIAL_FLOATS = new Set(['NaN', 'Infinity', '-Infinity']);

/** The text an input shows for a JSON value of this kind (an absent value shows as empty). */
export function scalarText(scalar: FormScalar, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (scalar === 'bool') return value === true || value === 'true' ? 'true' : 'false';
  if (typeof value === 'string' || typeof value === 'bigint' || typeof value === 'number') return String(value);
  return JSON.stringify(value) ?? '';
}

/** What typed text means as proto3 JSON for this kind, or what is wrong with it. */
export function parseScalar(scalar: FormScalar, text: string): Parsed {
  const t = text.trim();
  switch (scalar) {
    case 'string':
      return { ok: true, json: text };
    case 'bool':
      return t === 'true' || t === 'false' ? { ok: true, json: t === 'true' } : { ok: false, problem: 'true or false' };
    case 'bytes':
      return parseBase64(t);
    case 'float':
    case 'double':
      return parseFloating(scalar, t);
    default:
      return parseInteger(scalar, t);
  }
}

function parseInteger(scalar: FormScalar, t: string): Parsed {
  const [min, max] = INT_RANGES[scalar]!;
  if (!/^-?\d+$/.test(t)) return { ok: false, problem: `a whole number from ${min} to ${max}` };
  const n = BigInt(t);
  if (n < min || n > max) return { ok: false, problem: `out of range: ${scalar} holds ${min} to ${max}` };
  // proto3 JSON writes 64-bit integers as strings: exact in any reader, whatever its numbers are.
  return { ok: true, json: scalar === 'int64' || scalar === 'uint64' ? n.toString() : Number(n) };
}

function parseFloating(scalar: 'float' | 'double', t: string): Parsed {
  if (SPECIAL_FLOATS.has(t)) return { ok: true, json: t };
  const n = t === '' ? NaN : Number(t);
  if (!Number.isFinite(n) || !/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t))
    return { ok: false, problem: 'a number (e.g. 1.5, -2e10), NaN, Infinity or -Infinity' };
  if (scalar === 'float' && Math.abs(n) > FLOAT_MAX)
    return { ok: false, problem: `out of range: a float holds at most ±${FLOAT_MAX}` };
  return { ok: true, json: n };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function parseBase64(t: string): Parsed {
  if (BASE64.test(t) || (BASE64URL.test(t) && t.length % 4 !== 1)) return { ok: true, json: t };
  return { ok: false, problem: 'base64 (A-Z, a-z, 0-9, +, /, = padding), or switch to hex' };
}

/** Base64 (as proto3 JSON holds bytes) as lowercase hex pairs separated by spaces. */
export function base64ToHex(base64: string): string {
  return Array.from(base64Decode(base64), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Hex digits (spaces, colons and a 0x prefix allowed) as base64, or what is wrong with them. */
export function hexToBase64(hex: string): Parsed {
  const digits = hex.replace(/^0x/i, '').replace(/[\s:]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(digits)) return { ok: false, problem: 'hex digits only (0-9, a-f)' };
  if (digits.length % 2) return { ok: false, problem: 'hex needs two digits per byte' };
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return { ok: true, json: base64Encode(bytes) };
}

export function bytesToBase64(bytes: Uint8Array): string {
  return base64Encode(bytes);
}

/** A map key as typed, checked for the key's kind (JSON writes every map key as a string). */
export function parseMapKey(
  scalar: FormScalar,
  text: string,
): { ok: true; key: string } | { ok: false; problem: string } {
  if (scalar === 'string') return { ok: true, key: text };
  const parsed = parseScalar(scalar, text);
  return parsed.ok ? { ok: true, key: String(parsed.json) } : parsed;
}
