import { status as grpcStatus } from '@grpc/grpc-js';
import type { DescField, DescMessage, DescMethod, Registry } from '@bufbuild/protobuf';
import { TemplateError } from './body-template';
import { AppError } from '../../../shared/model/errors';
import { encodeStatusDetails } from '../calls/status';
import type { SchemaRegistry } from '../schema/registry';
import { messageTemplate } from '../schema/template';
import { compileAnswer, type Answer } from './answer';
import { compileWhen, MatchError, type Matcher } from './match';
import type { Delay, Rule, RuleFile, RuleStatus } from './rule-format';

export type { Answer } from './answer';

export interface CompiledStatus {
  code: number;
  message: string;
  /** grpc-status-details-bin, when the rule has details. */
  detailsBin?: Buffer;
}

export interface CompiledRule {
  /** The rule's name, or where it is (`mocks/echo.json rules[1]`). */
  label: string;
  matches: Matcher;
  delay?: Delay;
  body?: Answer;
  messages?: Answer[];
  intervalMs: number;
  generate?: { count: number; body: Answer; intervalMs: number; failAfter?: number };
  reply?: Answer;
  status?: CompiledStatus;
  /** Whether `when` tests the request (bidi: rules without such a test may send messages unprompted). */
  readsRequest: boolean;
  vars: Record<string, unknown>;
  nextSeq: () => number;
}

export interface MethodRules {
  method: DescMethod;
  rules: CompiledRule[];
}

/** A field a rule has no use for on this kind of method: the rule would silently do nothing. */
const FIELDS_BY_KIND: Record<DescMethod['methodKind'], (keyof Rule)[]> = {
  unary: ['body', 'status'],
  server_streaming: ['messages', 'generate', 'status'],
  client_streaming: ['body', 'status'],
  bidi_streaming: ['reply', 'messages', 'status'],
};
const KIND_WORDS: Record<DescMethod['methodKind'], string> = {
  unary: 'unary',
  server_streaming: 'server-streaming',
  client_streaming: 'client-streaming',
  bidi_streaming: 'bidi-streaming',
};

/**
 * Checks a rule file against the schema and compiles it: the method exists, every field suits
 * its kind, static bodies are valid messages, templates and regexes parse, request paths name
 * fields. Throws VALIDATION naming the file and the field.
 */
export function compileRuleFile(file: RuleFile, label: string, schema: SchemaRegistry): MethodRules {
  const fail = (where: string, message: string) =>
    new AppError('VALIDATION', `${label}: ${where ? `${where}: ` : ''}${message}`, { locations: [{ file: label }] });
  let method: DescMethod;
  try {
    method = schema.method(file.method);
  } catch (err) {
    throw fail('method', (err as Error).message);
  }
  const rules = file.rules.map((rule, i) => {
    const at = `rules[${i}]`;
    try {
      return compileRule(rule, method, schema.registry, file.vars, rule.name ?? `${label} ${at}`);
    } catch (err) {
      if (err instanceof TemplateError || err instanceof MatchError) throw fail(at, err.message);
      if (err instanceof AppError) throw fail(at, err.message);
      throw err;
    }
  });
  return { method, rules };
}

function compileRule(
  rule: Rule,
  method: DescMethod,
  registry: Registry,
  vars: Record<string, unknown>,
  label: string,
): CompiledRule {
  const allowed = FIELDS_BY_KIND[method.methodKind];
  for (const key of ['body', 'messages', 'generate', 'reply'] as const) {
    if (rule[key] !== undefined && !allowed.includes(key)) {
      const use = allowed.filter((k) => k !== 'status').join(' or ');
      throw new AppError(
        'VALIDATION',
        `${key}: ${method.name} is ${KIND_WORDS[method.methodKind]}; its rules answer with ${use} (or status)`,
      );
    }
  }
  for (const path of Object.keys(rule.when.request ?? {})) checkRequestPath(method.input, path, `when.request.${path}`);
  if (rule.delayMs !== undefined && typeof rule.delayMs === 'object' && rule.delayMs.min > rule.delayMs.max) {
    throw new AppError('VALIDATION', `delayMs: min (${rule.delayMs.min}) is above max (${rule.delayMs.max})`);
  }
  const answer = (value: unknown, where: string) => compileAnswer(value, method, registry, where, checkRequestPath);
  let seq = 0;
  return {
    label,
    matches: compileWhen(rule.when),
    delay: rule.delayMs,
    body: rule.body === undefined ? undefined : answer(rule.body, 'body'),
    messages: rule.messages?.map((m, i) => answer(m, `messages[${i}]`)),
    intervalMs: rule.intervalMs,
    generate: rule.generate && {
      count: rule.generate.count,
      intervalMs: rule.generate.intervalMs,
      failAfter: rule.generate.failAfter,
      body: answer(rule.generate.body ?? JSON.parse(messageTemplate(method.output)), 'generate.body'),
    },
    reply: rule.reply === undefined ? undefined : answer(rule.reply, 'reply'),
    status: rule.status && compileStatus(rule.status, registry),
    readsRequest: Object.keys(rule.when.request ?? {}).length > 0,
    vars,
    nextSeq: () => ++seq,
  };
}

/** The method's default answer: its sample message (schema/template.ts). */
export function defaultAnswer(method: DescMethod, registry: Registry): Answer {
  return compileAnswer(
    JSON.parse(messageTemplate(method.output)),
    method,
    registry,
    'the sample answer',
    checkRequestPath,
  );
}

function compileStatus(status: RuleStatus, registry: Registry): CompiledStatus {
  const code =
    typeof status.code === 'number'
      ? status.code
      : (grpcStatus as unknown as Record<string, number | undefined>)[status.code];
  if (code === undefined || code === 0) {
    throw new AppError(
      'VALIDATION',
      `status.code: ${JSON.stringify(status.code)} is not a gRPC error code; use 1-16 or a name such as NOT_FOUND`,
    );
  }
  if (status.details.length === 0) return { code, message: status.message };
  let detailsBin: Buffer;
  try {
    detailsBin = Buffer.from(
      encodeStatusDetails(
        code,
        status.message,
        status.details.map((d) => ({ type: d.type, json: d.json as never })),
        registry,
      ),
    );
  } catch (err) {
    throw new AppError('VALIDATION', `status.details: ${(err as Error).message}`);
  }
  return { code, message: status.message, detailsBin };
}

/** A request path (JSON or proto names, list indexes as numbers) that names no field is a typo. */
export function checkRequestPath(desc: DescMessage, path: string, where: string): void {
  let current: DescMessage | undefined = desc;
  let inList = false;
  for (const step of path.split('.')) {
    if (inList && /^\d+$/.test(step)) {
      inList = false;
      continue;
    }
    if (!current) return; // past a scalar or a map: nothing more to check
    const field: DescField | undefined = current.fields.find((f) => f.jsonName === step);
    const byProtoName = current.fields.find((f) => f.name === step);
    if (!field && byProtoName) {
      throw new AppError(
        'VALIDATION',
        `${where}: requests are matched in JSON form: write '${byProtoName.jsonName}', not '${step}'`,
      );
    }
    if (!field) {
      const names = current.fields.map((f) => f.jsonName).join(', ');
      throw new AppError(
        'VALIDATION',
        `${where}: ${current.typeName} has no field '${step}' (fields: ${names || 'none'})`,
      );
    }
    inList = field.fieldKind === 'list';
    current =
      field.fieldKind === 'message' || (field.fieldKind === 'list' && field.listKind === 'message')
        ? field.message
        : undefined;
    if (current && WELL_KNOWN_JSON.test(current.typeName)) current = undefined;
  }
}

/** Types whose JSON is not an object of their fields: a path goes no deeper into them. */
const WELL_KNOWN_JSON = /^google\.protobuf\.(Struct|Value|ListValue|Any|Timestamp|Duration|FieldMask|\w+Value)$/;
