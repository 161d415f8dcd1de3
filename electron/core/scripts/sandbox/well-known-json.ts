/**
 * The proto3 JSON of the well-known types that print as something other than an object of their
 * fields, from their fields' JSON, with @bufbuild/protobuf's refusals worded as it words them
 * (a refused value makes the whole message the printer's error object, see lazy-message.ts).
 */
import type { TypePlan } from '../message-plan';
import { int64Text, WireText } from './wire-text';

const TIMESTAMP_MS_MIN = Date.parse('0001-01-01T00:00:00Z');
const TIMESTAMP_MS_MAX = Date.parse('9999-12-31T23:59:59Z');
const DURATION_SECONDS_MAX = 315576000000;

/** The type's JSON form; with `checkOnly`, only the printer's refusals (a Timestamp's date is not formatted). */
export function wellKnownJson(plan: TypePlan, fields: Record<string, unknown>, checkOnly = false): unknown {
  const refuse = (why: string) => new Error(`cannot encode message ${plan.typeName} to JSON: ${why}`);
  switch (plan.wellKnown) {
    case 'wrapper':
      return fields.value;
    case 'timestamp': {
      const seconds = fields.seconds as string;
      const nanos = fields.nanos as number;
      const ms = Number(seconds) * 1000;
      if (ms < TIMESTAMP_MS_MIN || ms > TIMESTAMP_MS_MAX)
        throw refuse('must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z inclusive');
      if (nanos < 0) throw refuse('nanos must not be negative');
      if (nanos > 999999999) throw refuse('nanos must not be greater than 999999999');
      if (checkOnly) return undefined;
      let z = 'Z';
      if (nanos > 0) {
        const digits = String(nanos + 1000000000).slice(1);
        if (digits.slice(3) === '000000') z = `.${digits.slice(0, 3)}Z`;
        else if (digits.slice(6) === '000') z = `.${digits.slice(0, 6)}Z`;
        else z = `.${digits}Z`;
      }
      return new Date(ms).toISOString().replace('.000Z', z);
    }
    case 'duration': {
      const text = fields.seconds as string;
      const seconds = Number(text);
      const nanos = fields.nanos as number;
      if (seconds > DURATION_SECONDS_MAX || seconds < -DURATION_SECONDS_MAX) throw refuse('value out of range');
      if ((seconds > 0 && nanos < 0) || (seconds < 0 && nanos > 0)) throw refuse('nanos sign must match seconds sign');
      if (nanos === 0) return `${text}s`;
      // As the printer writes it, to its error for more than 9 digits.
      let digits = Math.abs(nanos).toString();
      digits = '0'.repeat(9 - digits.length) + digits;
      if (digits.substring(3) === '000000') digits = digits.substring(0, 3);
      else if (digits.substring(6) === '000') digits = digits.substring(0, 6);
      return `${nanos < 0 && seconds === 0 ? '-' : ''}${text}.${digits}s`;
    }
    case 'struct':
      // A map<string, Value>: its values are already JSON.
      return fields.fields;
    case 'list':
      return fields.values;
    case 'value': {
      if ('nullValue' in fields) return null;
      if ('numberValue' in fields) {
        if (typeof fields.numberValue !== 'number' || !Number.isFinite(fields.numberValue))
          throw new Error(`${plan.typeName} cannot be NaN or Infinity`);
        return fields.numberValue;
      }
      for (const key of ['boolValue', 'stringValue', 'structValue', 'listValue']) if (key in fields) return fields[key];
      throw new Error(`${plan.typeName} must have a value`);
    }
    case 'fieldmask':
      return (fields.paths as string[])
        .map((p) => {
          if (snakeCase(camelCase(p)) !== p) throw refuse(`lowerCamelCase of path name "${p}" is irreversible`);
          return camelCase(p);
        })
        .join(',');
    default:
      throw new Error(`no JSON form for ${plan.typeName}`);
  }
}

/** protoCamelCase of @bufbuild/protobuf. */
function camelCase(snake: string): string {
  let capNext = false;
  let out = '';
  for (let i = 0; i < snake.length; i++) {
    const c = snake.charAt(i);
    if (c === '_') capNext = true;
    else if (c >= '0' && c <= '9') {
      out += c;
      capNext = false;
    } else {
      out += capNext ? c.toUpperCase() : c;
      capNext = false;
    }
  }
  return out;
}

function snakeCase(camel: string): string {
  return camel.replace(/[A-Z]/g, (letter) => '_' + letter.toLowerCase());
}

/** A Timestamp's range, without the date formatted (most are never read). */
export function checkTimestamp(type: TypePlan, s: string, segments: number[]): void {
  let seconds = '0';
  let nanos = 0;
  for (let k = 0; k < segments.length; k += 2) {
    const r = new WireText(s, segments[k]!, segments[k + 1]!);
    while (r.pos < r.end) {
      const tag = r.tag();
      if (tag >>> 3 === 1) {
        r.varint64();
        seconds = int64Text(r.lo, r.hi);
      } else if (tag >>> 3 === 2) nanos = r.uint32() | 0;
      else r.skip(tag & 7, tag >>> 3);
    }
  }
  wellKnownJson(type, { seconds, nanos }, true);
}
