import { fromJson, toBinary, type DescMessage, type DescMethod, type Registry } from '@bufbuild/protobuf';
import { stringifyJson } from '../../../shared/json/json-text';
import { AppError } from '../../../shared/model/errors';
import { encodeJson } from '../schema/json-codec';
import { compileTemplate, TemplateError, type TemplateContext } from './body-template';

/** One rendered answer: the bytes to send and its JSON for the call log (built only when read). */
export interface Made {
  bytes: Buffer;
  readonly json: unknown;
}

/** A message to send: encoded once when it holds no template, else rendered and encoded per use. */
export interface Answer {
  /** Renders once (a `seq` counts once). A static answer gives the same object every time. */
  produce(ctx: TemplateContext): Made;
}

type PathCheck = (desc: DescMessage, path: string, where: string) => void;

/**
 * Compiles one answer body. A body with templates in some fields is split: the fields without
 * any are encoded once, at load (so they are checked there too), and only the templated ones
 * are encoded per message, then appended; protobuf reads concatenated encodings of distinct
 * fields as one message. A generated stream numbering its messages then costs the encoding of
 * one small field per message, not of the whole message.
 */
export function compileAnswer(
  value: unknown,
  method: DescMethod,
  registry: Registry,
  where: string,
  checkRequestPath: PathCheck,
): Answer {
  const desc = method.output;
  const compile = (v: unknown) => {
    try {
      return compileTemplate(v);
    } catch (err) {
      if (err instanceof TemplateError) throw new TemplateError(err.path, `${where}.${err.message}`);
      throw err;
    }
  };
  const template = compile(value);
  for (const path of template.requestPaths) checkRequestPath(method.input, path, `${where}: {{request.${path}}}`);
  /** The careful encoder: exact numbers, and an error naming the field. */
  const encode = (json: unknown, what: string) => {
    try {
      return Buffer.from(encodeJson(desc, stringifyJson(json, 0), registry).bytes);
    } catch (err) {
      throw new AppError('VALIDATION', `${what} is not a valid ${desc.typeName}: ${(err as Error).message}`);
    }
  };
  if (template.isStatic) {
    const made = { bytes: encode(value, where), json: value };
    return { produce: () => made };
  }
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  const fixed: Record<string, unknown> = {};
  const templated: Record<string, unknown> = {};
  if (isObject) {
    for (const [k, v] of Object.entries(value)) (compile(v).isStatic ? fixed : templated)[k] = v;
  }
  const fixedBytes = isObject ? encode(fixed, where) : Buffer.alloc(0);
  const rest = isObject ? compile(templated) : template;
  return {
    produce: (ctx) => {
      const rendered = rest.render(ctx);
      let bytes: Buffer;
      try {
        // Rendered values are plain JSON values already (the rule file was parsed once): no text round trip.
        bytes = Buffer.from(toBinary(desc, fromJson(desc, rendered as never, { registry })));
      } catch {
        bytes = encode(rendered, `${where} (rendered)`); // throws, naming the field
      }
      return {
        bytes: fixedBytes.length ? Buffer.concat([fixedBytes, bytes]) : bytes,
        get json() {
          return isObject ? { ...fixed, ...(rendered as object) } : rendered;
        },
      };
    },
  };
}
