/**
 * Reading protobuf wire bytes held as a Latin-1 string (one char a byte): the form received
 * messages enter the sandbox in, since only strings cross the realm boundary. Runs inside the
 * sandbox, so it uses nothing but the language (no TextDecoder, no atob). Each read mirrors
 * @bufbuild/protobuf's BinaryReader, whose verdict the engine already applied to these bytes.
 */
import { Scalar } from '../message-plan';

export class WireText {
  pos: number;
  /** The halves of the last 64-bit varint read. */
  lo = 0;
  hi = 0;

  constructor(
    readonly s: string,
    pos: number,
    readonly end: number,
  ) {
    this.pos = pos;
  }

  byte(): number {
    if (this.pos >= this.end) throw new RangeError('premature EOF');
    return this.s.charCodeAt(this.pos++);
  }

  /** As BinaryReader's varint32read: the low 32 bits, unsigned; longer varints are skipped over. */
  uint32(): number {
    let b = this.byte();
    if (b < 0x80) return b;
    let result = b & 0x7f;
    for (let shift = 7; shift < 28; shift += 7) {
      b = this.byte();
      result |= (b & 0x7f) << shift;
      if (b < 0x80) return result;
    }
    b = this.byte();
    result |= (b & 0x0f) << 28;
    for (let n = 5; b & 0x80 && n < 10; n++) b = this.byte();
    if (b & 0x80) throw new Error('invalid varint');
    return result >>> 0;
  }

  varint64(): void {
    let lo = 0;
    let hi = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      const b = this.byte();
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) return this.set(lo, hi);
    }
    const middle = this.byte();
    lo |= (middle & 0x0f) << 28;
    hi = (middle & 0x70) >> 4;
    if (middle < 0x80) return this.set(lo, hi);
    for (let shift = 3; shift <= 31; shift += 7) {
      const b = this.byte();
      hi |= (b & 0x7f) << shift;
      if (b < 0x80) return this.set(lo, hi);
    }
    throw new Error('invalid varint');
  }

  private set(lo: number, hi: number): void {
    this.lo = lo;
    this.hi = hi;
  }

  fixed32(): number {
    const p = this.pos;
    if (p + 4 > this.end) throw new RangeError('premature EOF');
    this.pos = p + 4;
    const s = this.s;
    return (
      (s.charCodeAt(p) | (s.charCodeAt(p + 1) << 8) | (s.charCodeAt(p + 2) << 16) | (s.charCodeAt(p + 3) << 24)) >>> 0
    );
  }

  /** Skips a length-delimited value; returns where it starts (it ends at `pos`). */
  delimited(): number {
    const len = this.uint32();
    const start = this.pos;
    this.pos += len;
    if (this.pos > this.end) throw new RangeError('premature EOF');
    return start;
  }

  tag(): number {
    const start = this.pos;
    const tag = this.uint32();
    const read = this.pos - start;
    if (read > 5 || (read === 5 && this.s.charCodeAt(this.pos - 1) > 0x0f))
      throw new Error('illegal tag: varint overflows uint32');
    if (tag >>> 3 <= 0 || (tag & 7) > 5) throw new Error(`illegal tag: field no ${tag >>> 3} wire type ${tag & 7}`);
    return tag;
  }

  /** Skips one value by its wire type, as BinaryReader.skip. */
  skip(wireType: number, fieldNo: number, depth = 100): void {
    switch (wireType) {
      case 0:
        while (this.byte() & 0x80);
        return;
      case 1:
        this.advance(8);
        return;
      case 5:
        this.advance(4);
        return;
      case 2:
        this.delimited();
        return;
      case 3:
        if (depth <= 0) throw new Error('maximum recursion depth reached');
        for (;;) {
          const tag = this.tag();
          if ((tag & 7) === 4) {
            if (tag >>> 3 !== fieldNo) throw new Error('invalid end group tag');
            return;
          }
          this.skip(tag & 7, tag >>> 3, depth - 1);
        }
      default:
        throw new Error(`cant skip wire type ${wireType}`);
    }
  }

  advance(n: number): void {
    this.pos += n;
    if (this.pos > this.end) throw new RangeError('premature EOF');
  }
}

const TWO_32 = 4294967296;

/** Unsigned 64 bits as decimal text. */
export function uint64Text(lo: number, hi: number): string {
  const h = hi >>> 0;
  // Below 2^53 a number holds it exactly.
  if (h < 0x200000) return String(h * TWO_32 + (lo >>> 0));
  return ((BigInt(h) << 32n) | BigInt(lo >>> 0)).toString();
}

/** Signed (two's complement) 64 bits as decimal text. */
export function int64Text(lo: number, hi: number): string {
  if ((hi | 0) >= 0) return uint64Text(lo, hi);
  if ((hi | 0) === -1 && (lo | 0) < 0) return String(lo | 0);
  return BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)).toString();
}

/** Reads one scalar of `type` as @bufbuild/protobuf reads it, ignoring the wire type as it does. */
export function readScalar(r: WireText, type: number): string | number | boolean {
  switch (type) {
    case Scalar.STRING: {
      const start = r.delimited();
      return utf8Text(r.s, start, r.pos);
    }
    case Scalar.BYTES: {
      const start = r.delimited();
      return base64Text(r.s, start, r.pos);
    }
    case Scalar.BOOL:
      r.varint64();
      return r.lo !== 0 || r.hi !== 0;
    case Scalar.DOUBLE:
      return float(r, 8);
    case Scalar.FLOAT:
      return float(r, 4);
    case Scalar.INT32:
      return r.uint32() | 0;
    case Scalar.UINT32:
      return r.uint32();
    case Scalar.SINT32: {
      const z = r.uint32();
      return (z >>> 1) ^ -(z & 1);
    }
    case Scalar.FIXED32:
      return r.fixed32();
    case Scalar.SFIXED32:
      return r.fixed32() | 0;
    case Scalar.INT64:
      r.varint64();
      return int64Text(r.lo, r.hi);
    case Scalar.UINT64:
      r.varint64();
      return uint64Text(r.lo, r.hi);
    case Scalar.SINT64: {
      r.varint64();
      const sign = -(r.lo & 1);
      return int64Text(((r.lo >>> 1) | ((r.hi & 1) << 31)) ^ sign, (r.hi >>> 1) ^ sign);
    }
    case Scalar.FIXED64: {
      const lo = r.fixed32();
      return uint64Text(lo, r.fixed32());
    }
    case Scalar.SFIXED64: {
      const lo = r.fixed32();
      return int64Text(lo, r.fixed32());
    }
    default:
      throw new Error(`unknown scalar type ${type}`);
  }
}

const scratch = new DataView(new ArrayBuffer(8));

/** A float or double in proto3 JSON: a number, or "NaN", "Infinity", "-Infinity". */
function float(r: WireText, size: 4 | 8): number | string {
  const p = r.pos;
  r.advance(size);
  for (let i = 0; i < size; i++) scratch.setUint8(i, r.s.charCodeAt(p + i));
  const value = size === 4 ? scratch.getFloat32(0, true) : scratch.getFloat64(0, true);
  if (value !== value) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

/** Skips one scalar of `type` as readScalar would read it. */
export function skipScalar(r: WireText, type: number): void {
  switch (type) {
    case Scalar.STRING:
    case Scalar.BYTES:
      r.delimited();
      return;
    case Scalar.DOUBLE:
    case Scalar.FIXED64:
    case Scalar.SFIXED64:
      r.advance(8);
      return;
    case Scalar.FLOAT:
    case Scalar.FIXED32:
    case Scalar.SFIXED32:
      r.advance(4);
      return;
    case Scalar.BOOL:
    case Scalar.INT64:
    case Scalar.UINT64:
    case Scalar.SINT64:
      r.varint64();
      return;
    default:
      r.uint32();
  }
}

const CHUNK = 8192;

/**
 * UTF-8 as TextDecoder decodes it (invalid sequences become U+FFFD, maximal subparts as the
 * Encoding Standard says; a leading BOM kept, as @bufbuild/protobuf asks), ASCII by a slice.
 */
export function utf8Text(s: string, start: number, end: number): string {
  let i = start;
  while (i < end && s.charCodeAt(i) < 0x80) i++;
  if (i === end) return s.slice(start, end);
  let out = s.slice(start, i);
  const units: number[] = [];
  let needed = 0;
  let seen = 0;
  let cp = 0;
  let lower = 0x80;
  let upper = 0xbf;
  const push = (c: number) => {
    if (c > 0xffff) {
      c -= 0x10000;
      units.push(0xd800 | (c >> 10), 0xdc00 | (c & 0x3ff));
    } else units.push(c);
    if (units.length >= CHUNK) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  };
  for (; i < end; i++) {
    const b = s.charCodeAt(i);
    if (needed === 0) {
      if (b < 0x80) push(b);
      else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        cp = b & 0xf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        cp = b & 0x7;
      } else push(0xfffd);
      continue;
    }
    if (b < lower || b > upper) {
      cp = needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      push(0xfffd);
      i--; // the byte starts over
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    if (++seen === needed) {
      push(cp);
      cp = needed = seen = 0;
    }
  }
  if (needed) push(0xfffd);
  return out + String.fromCharCode(...units);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding, as proto3 JSON writes bytes. */
export function base64Text(s: string, start: number, end: number): string {
  const parts: string[] = [];
  let out = '';
  let i = start;
  for (; i + 2 < end; i += 3) {
    const n = (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) << 8) | s.charCodeAt(i + 2);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
    if (out.length >= CHUNK) {
      parts.push(out);
      out = '';
    }
  }
  if (end - i === 1) {
    const n = s.charCodeAt(i) << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + '==';
  } else if (end - i === 2) {
    const n = (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '=';
  }
  parts.push(out);
  return parts.join('');
}

/** A scalar's default in proto3 JSON. */
export function zeroJson(f: { scalar?: number }): unknown {
  switch (f.scalar) {
    case Scalar.STRING:
    case Scalar.BYTES:
      return '';
    case Scalar.BOOL:
      return false;
    case Scalar.INT64:
    case Scalar.UINT64:
    case Scalar.FIXED64:
    case Scalar.SFIXED64:
    case Scalar.SINT64:
      return '0';
    default:
      return 0;
  }
}

/** A map key's default, as the key it becomes. */
export function zeroKey(scalar: number): string {
  if (scalar === Scalar.BOOL) return 'false';
  return scalar === Scalar.STRING ? '' : '0';
}
