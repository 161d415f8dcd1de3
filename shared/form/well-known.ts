import type { Parsed } from './scalars';

/*
 * Inputs of the well-known types whose proto3 JSON is a string: a Timestamp (RFC 3339, shown as a
 * date-time picker in UTC plus nanoseconds), a Duration, a FieldMask; and an Any's type URL.
 */

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/** A Timestamp's text as a UTC date-time picker's value (to the second) and its nanoseconds. */
export function splitTimestamp(
  text: string,
): { ok: true; utc: string; nanos: number } | { ok: false; problem: string } {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return { ok: false, problem: 'an RFC 3339 time, e.g. 2024-05-01T12:30:00Z' };
  const [, y, mo, d, h, mi, s, fraction = '', zone] = m;
  const nanos = Number(fraction.padEnd(9, '0'));
  const seconds = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetMs(zone!);
  const date = new Date(seconds);
  if (Number.isNaN(date.getTime())) return { ok: false, problem: 'not a real date and time' };
  return { ok: true, utc: date.toISOString().slice(0, 19), nanos };
}

function offsetMs(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
}

/** A UTC date-time (YYYY-MM-DDTHH:MM, seconds optional) and nanoseconds as a Timestamp's JSON. */
export function joinTimestamp(utc: string, nanos: string): Parsed {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(utc);
  if (!m) return { ok: false, problem: 'a date and a time' };
  if (m[1]! < '0001') return { ok: false, problem: 'a Timestamp starts at 0001-01-01' };
  if (!/^\d{1,9}$/.test(nanos.trim() || '0')) return { ok: false, problem: 'nanoseconds: 0 to 999999999' };
  const n = Number(nanos.trim() || '0');
  const fraction = n ? `.${String(n).padStart(9, '0').replace(/0+$/, '')}` : '';
  return { ok: true, json: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${fraction}Z` };
}

const MAX_DURATION_SECONDS = 315_576_000_000n;

/** A Duration as proto3 JSON writes it: seconds with up to nine decimals and an "s". */
export function parseDuration(text: string): Parsed {
  const t = text.trim();
  const m = /^(-?)(\d+)(?:\.(\d{1,9}))?s$/.exec(t);
  if (!m) return { ok: false, problem: 'seconds with an "s", e.g. 1.5s or -0.000000001s' };
  if (BigInt(m[2]!) > MAX_DURATION_SECONDS) return { ok: false, problem: 'out of range: at most ±315576000000s' };
  return { ok: true, json: t };
}

/** A FieldMask as proto3 JSON writes it: lowerCamelCase paths joined by commas. */
export function parseFieldMask(text: string): Parsed {
  const t = text.trim();
  if (t === '') return { ok: true, json: '' };
  const paths = t.split(',').map((p) => p.trim());
  const bad = paths.find((p) => !/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/.test(p));
  if (bad !== undefined) return { ok: false, problem: `"${bad}" is not a lowerCamelCase path (e.g. user.displayName)` };
  return { ok: true, json: paths.join(',') };
}

export const ANY_URL_PREFIX = 'type.googleapis.com/';

/** The full name of the type an Any's "@type" names (the part after the last slash). */
export function anyTypeName(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const url = (value as Record<string, unknown>)['@type'];
  if (typeof url !== 'string' || url === '') return undefined;
  return url.slice(url.lastIndexOf('/') + 1);
}
