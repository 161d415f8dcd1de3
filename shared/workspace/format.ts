import {
  EnvironmentFileSchema,
  SavedRequestSchema,
  WorkspaceFileSchema,
  type EnvironmentFile,
  type SavedRequest,
  type WorkspaceFile,
} from '../model/workspace';
import { holdsBigInt, parseExactJson, stringifyExact } from '../json/json-text';
import { stripBom } from '../text';
import { formatJson, orderKeys, parseFile, parseJsonText, validateWith } from './json-file';

/** The fixed key order of each file kind; unknown keys follow in their own order. */
const WORKSPACE_KEYS = ['version', 'name', 'defaultEnvironment', 'targets'] as const;
const REQUEST_KEYS = ['version', 'target', 'method', 'deadlineMs', 'metadata', 'body', 'messages', 'options'] as const;
const ENVIRONMENT_KEYS = ['version', 'variables'] as const;
const VARIABLE_KEYS = ['name', 'value', 'secret'] as const;
const METADATA_KEYS = ['name', 'value', 'enabled'] as const;
const TARGET_KEYS = [
  'address',
  'protocol',
  'httpVersion',
  'connectCodec',
  'tls',
  'authority',
  'maxSendMessageBytes',
  'maxReceiveMessageBytes',
  'keepaliveTimeMs',
  'connectTimeoutMs',
  'compression',
  'userAgent',
  'schema',
] as const;

function orderTarget<T>(target: T): T {
  return typeof target === 'object' && target !== null ? orderKeys(target, TARGET_KEYS) : target;
}

export function parseWorkspaceFile(text: string, file: string): WorkspaceFile {
  return parseFile(WorkspaceFileSchema, text, file);
}
export function parseSavedRequest(text: string, file: string): SavedRequest {
  const value = parseJsonText(text, file);
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return validateWith(SavedRequestSchema, value, file);
  const exact = parseExactJson(stripBom(text));
  if (exact.bigIntegers === 0) return validateWith(SavedRequestSchema, value, file);
  // A 64-bit literal typed without quotes in a hand-edited file: a message that holds one is kept
  // as its exact text (as the app stores it), so it is not rounded on its way to the server.
  const request = exact.value as Record<string, unknown>;
  const keepExact = (body: unknown) => (holdsBigInt(body) ? stringifyExact(body) : body);
  const withExactBodies = {
    ...value,
    ...(request.body !== undefined && { body: keepExact(request.body) }),
    ...(Array.isArray(request.messages) && { messages: request.messages.map(keepExact) }),
  };
  return validateWith(SavedRequestSchema, withExactBodies, file);
}
export function parseEnvironmentFile(text: string, file: string): EnvironmentFile {
  return parseFile(EnvironmentFileSchema, text, file);
}

export function serializeWorkspaceFile(file: WorkspaceFile): string {
  const targets = Object.fromEntries(Object.entries(file.targets).map(([name, t]) => [name, orderTarget(t)]));
  return formatJson(orderKeys({ ...file, targets }, WORKSPACE_KEYS));
}

export function serializeSavedRequest(request: SavedRequest): string {
  return formatJson(
    orderKeys(
      {
        ...request,
        target: orderTarget(request.target),
        metadata: request.metadata?.map((row) => orderKeys(row, METADATA_KEYS)),
      },
      REQUEST_KEYS,
    ),
  );
}

export function serializeEnvironmentFile(env: EnvironmentFile): string {
  return formatJson(
    orderKeys({ ...env, variables: env.variables.map((v) => orderKeys(v, VARIABLE_KEYS)) }, ENVIRONMENT_KEYS),
  );
}
