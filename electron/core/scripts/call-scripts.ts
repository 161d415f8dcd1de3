import { create, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { AppError } from '../../../shared/model/errors';
import type { SchemaRegistry } from '../schema/registry';
import { readApproved } from './script-files';
import { ScriptSession } from './script-session';
import type { ScriptLimits, ScriptSource } from './protocol';

export interface CallScriptsInput {
  /** The scripts that apply, outermost first (see scriptsForCall). */
  sources: ScriptSource[];
  root: string;
  requestPath: string;
  schema: SchemaRegistry;
  outputType: string;
  /** The environment's variables as env.get reads them. */
  variables: Record<string, string>;
  limits?: Partial<ScriptLimits>;
}

/** How many received messages afterCall's `response.messages` holds (the last ones). */
export const KEPT_FOR_AFTER_CALL = 10_000;

const descriptorCache = new WeakMap<SchemaRegistry, Uint8Array>();

/** The schema as a FileDescriptorSet for the script worker, made once per loaded schema. */
function descriptorsOf(schema: SchemaRegistry): Uint8Array {
  let bytes = descriptorCache.get(schema);
  if (!bytes) {
    bytes = toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: schema.files }));
    descriptorCache.set(schema, bytes);
  }
  return bytes;
}

/** Loads a call's scripts in a worker of their own, with the request's approved snapshots. */
export async function startCallScripts(input: CallScriptsInput): Promise<ScriptSession> {
  const approved = await readApproved(input.root, input.requestPath);
  return ScriptSession.start({
    files: input.sources,
    init: { variables: { ...input.variables }, approved, keepMessages: KEPT_FOR_AFTER_CALL },
    // A copy: the worker takes it over.
    descriptors: descriptorsOf(input.schema).slice(),
    outputType: input.outputType,
    ...(input.limits ? { limits: input.limits } : {}),
  });
}

/** A list of script files for a message: the first few, and how many more. */
function fileList(files: string[]): string {
  const shown = files.slice(0, 4).join(', ');
  return files.length > 4 ? `${shown} and ${files.length - 4} more` : shown;
}

/** Said where scripts were held back, so the user knows why no test ran. */
export function untrustedMessage(files: string[]): string {
  return `Scripts not run: this workspace is not trusted, so its scripts (${fileList(files)}) were held back. Trust the workspace folder to run them.`;
}

/** Thrown by `loupe run` when the workspace has scripts and was not trusted on this machine. */
export function untrustedRunError(files: string[]): AppError {
  return new AppError(
    'SCRIPT',
    `The workspace has scripts (${fileList(files)}) and is not trusted here: run with --trust to run them, or --no-scripts to run the requests without them`,
  );
}
