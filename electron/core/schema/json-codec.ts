import { fromBinary, fromJson, toBinary, toJsonString, type DescField, type DescMessage, type Registry } from '@bufbuild/protobuf';
import { AppError } from '../../../shared/model';
import { errorMessage } from './errors';

export interface JsonReadOpts {
  ignoreUnknownFields?: boolean;
}

export interface JsonWriteOpts {
  /** Include fields that hold their default value (proto3 implicit presence). */
  emitDefaults?: boolean;
  /** Indentation; 0 for one line. Default 2. */
  indent?: number;
}

/**
 * Request JSON text -> binary message, through @bufbuild/protobuf's conformance-tested JSON
 * parser. Our own code only improves the error: it finds the failing field's path
 * (e.g. "items[2].price") so the user sees where, not just what.
 */
export function encodeJson(desc: DescMessage, text: string, registry: Registry, opts: JsonReadOpts = {}): Uint8Array {
  const value = parseJsonText(text);
  const readOpts = { registry, ignoreUnknownFields: opts.ignoreUnknownFields ?? false };
  let message;
  try {
    message = fromJson(desc, value as never, readOpts);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const found = locateError(desc, value, '', readOpts);
    if (found) {
      throw new AppError('VALIDATION', `${found.path ? `${found.path}: ` : ''}${found.message}`, {
        locations: [{ file: found.path || desc.typeName }],
        details: { path: found.path, type: desc.typeName },
      });
    }
    throw new AppError('VALIDATION', `Invalid ${desc.typeName}: ${friendly(errorMessage(err))}`, { details: { path: '', type: desc.typeName } });
  }
  try {
    return toBinary(desc, message);
  } catch (err) {
    // The JSON was well-formed for the type; encoding fails only for proto2 required fields.
    const field = /cannot encode field ([\w.]+) to binary: required field not set/.exec(errorMessage(err))?.[1];
    if (field) {
      const dot = field.lastIndexOf('.');
      const owner = field.slice(0, dot);
      const path = owner === desc.typeName ? field.slice(dot + 1) : field;
      throw new AppError('VALIDATION', `${path}: required field is not set${owner === desc.typeName ? '' : ` (in a ${owner})`}`, {
        locations: [{ file: path }],
        details: { path, type: desc.typeName },
      });
    }
    throw new AppError('VALIDATION', `Invalid ${desc.typeName}: ${errorMessage(err)}`, { details: { path: '', type: desc.typeName } });
  }
}

/** Binary message -> canonical proto3 JSON text (lowerCamelCase names, int64 as strings). */
export function decodeToJson(desc: DescMessage, bytes: Uint8Array, registry: Registry, opts: JsonWriteOpts = {}): string {
  let message;
  try {
    message = fromBinary(desc, bytes, { readUnknownFields: true });
  } catch (err) {
    throw new AppError('SCHEMA', `The bytes are not a valid ${desc.typeName} (${errorMessage(err)}); the server may use a different schema.`);
  }
  return toJsonString(desc, message, { registry, alwaysEmitImplicit: opts.emitDefaults ?? false, prettySpaces: opts.indent ?? 2 });
}

/**
 * JSON.parse with two fixes for people typing requests: a syntax error says line and column,
 * and integer literals beyond 2^53 are read as strings, so 9007199254740993 stays exact (proto3
 * JSON accepts strings for every numeric type).
 */
export function parseJsonText(text: string): unknown {
  if (text.trim() === '') return {};
  const safe = quoteBigIntegers(text);
  try {
    return JSON.parse(safe);
  } catch (err) {
    const msg = errorMessage(err);
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    if (pos) {
      const offset = Math.min(Number(pos[1]), text.length);
      const before = text.slice(0, offset);
      where = ` at line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`;
    }
    throw new AppError('VALIDATION', `The request is not valid JSON${where}: ${msg.replace(/ in JSON at position \d+.*$/, '')}`, {
      details: { path: '' },
    });
  }
}

function quoteBigIntegers(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (m) {
        const tok = m[0];
        const isInteger = !m[1] && !m[2];
        out += isInteger && !Number.isSafeInteger(Number(tok)) ? `"${tok}"` : tok;
        i += tok.length;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

interface Located {
  path: string;
  message: string;
}

type ReadOpts = { registry: Registry; ignoreUnknownFields: boolean };

/** Walks the JSON alongside the descriptor to find the first field the library rejects. */
function locateError(desc: DescMessage, value: unknown, path: string, opts: ReadOpts): Located | undefined {
  if (isWellKnown(desc) || value === null) return tryDecode(desc, value, path, opts);
  if (typeof value !== 'object' || Array.isArray(value)) {
    const got = Array.isArray(value) ? 'an array' : `${typeof value} ${JSON.stringify(value)}`;
    return { path, message: `expected an object (${desc.typeName}), got ${got}` };
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const here = join(path, key);
    if (key.startsWith('[') && key.endsWith(']')) {
      const r = tryDecode(desc, { [key]: v }, here, opts);
      if (r) return r;
      continue;
    }
    const field = desc.fields.find((f) => f.jsonName === key || f.name === key);
    if (!field) {
      if (opts.ignoreUnknownFields) continue;
      const known = desc.fields.map((f) => f.jsonName).join(', ');
      return { path: here, message: `unknown field "${key}" in ${desc.typeName}${known ? ` (fields: ${known})` : ' (it has no fields)'}` };
    }
    const r = locateInField(desc, field, key, v, here, opts);
    if (r) return r;
  }
  // Every field decodes on its own: the problem is between fields (e.g. two members of a oneof).
  return tryDecode(desc, value, path, opts);
}

function locateInField(desc: DescMessage, field: DescField, key: string, v: unknown, here: string, opts: ReadOpts): Located | undefined {
  if (v === null) return tryDecode(desc, { [key]: v }, here, opts);
  if (field.fieldKind === 'message') return locateError(field.message, v, here, opts);
  if (field.fieldKind === 'list' && field.listKind === 'message' && Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = locateError(field.message, v[i], `${here}[${i}]`, opts);
      if (r) return r;
    }
    return undefined;
  }
  if (field.fieldKind === 'map' && field.mapKind === 'message' && v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, item] of Object.entries(v)) {
      const r = tryDecode(desc, { [key]: { [k]: {} } }, `${here}[${JSON.stringify(k)}]`, opts);
      if (r) return r;
      const inner = locateError(field.message, item, `${here}[${JSON.stringify(k)}]`, opts);
      if (inner) return inner;
    }
    return undefined;
  }
  return tryDecode(desc, { [key]: v }, here, opts);
}

function tryDecode(desc: DescMessage, value: unknown, path: string, opts: ReadOpts): Located | undefined {
  try {
    fromJson(desc, value as never, opts);
    return undefined;
  } catch (err) {
    return { path, message: friendly(errorMessage(err)) };
  }
}

function isWellKnown(desc: DescMessage): boolean {
  return desc.file.proto.package === 'google.protobuf';
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** The library's messages are precise but speak JavaScript; say it in protobuf terms. */
function friendly(message: string): string {
  return message
    .replace(/^cannot decode (field|message) [\w.]+ from JSON: /, '')
    .replace(/expected bigint \((u?int64|s?fixed64|sint64)\)/, 'expected an $1 (a decimal string or an integer)')
    .replace(/expected (number|string|boolean) \((\w+)\)/, 'expected a $2 value');
}
