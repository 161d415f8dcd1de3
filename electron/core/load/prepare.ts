import { resolve } from 'node:path';
import { create, toBinary, type DescMethod } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import type { MetadataEntry } from '../../../shared/model/call';
import { normalizeAddress } from '../../../shared/model/address';
import { AppError } from '../../../shared/model/errors';
import type { LoadPlan } from '../../../shared/model/load';
import { parseThreshold } from '../../../shared/model/load-thresholds';
import { PROTOCOL_LABELS, type TargetSettings } from '../../../shared/model/target';
import { splitJsonValues } from '../../../shared/json/json-stream';
import type { Authenticator } from '../auth';
import { encodeRequest } from '../calls/codec';
import { startProxyFor, type ProxyEnvironment } from '../calls/proxy-route';
import { needsTlsFiles, readTlsFiles, type TlsFiles } from '../calls/tls-files';
import { FILE_KINDS } from '../fs/read-user-file';
import type { SchemaRegistry } from '../schema';
import { readDataFile, type DataRows } from './data-file';
import { compileTemplate } from './placeholders';
import { neverSends } from './schedule';
import type { WorkerBodies } from './worker-protocol';

/** What a load test calls, resolved by its caller (environment applied, schema loaded). */
export interface LoadInputs {
  target: TargetSettings;
  schema: SchemaRegistry;
  method: string;
  /** The request as JSON text; for client and bidi streams a sequence of JSON values. */
  body: string;
  metadata: MetadataEntry[];
  requestPath?: string;
  /** Relative data file paths resolve here (the workspace, or the working folder). */
  baseDir: string;
  /** Adds the target's auth (fetched here, renewed during the run). */
  auth?: Authenticator;
  proxies?: ProxyEnvironment;
}

/** A load test ready to start: everything read, encoded and checked. */
export interface PreparedLoad {
  plan: LoadPlan;
  target: TargetSettings;
  method: DescMethod;
  requestPath?: string;
  bodies: WorkerBodies;
  metadata: MetadataEntry[];
  data?: DataRows;
  tlsFiles: TlsFiles;
  dialAddress: string;
  viaProxy: boolean;
  /** The auth entries again (a token renewed before it expires); undefined without auth. */
  renewAuth?: () => Promise<MetadataEntry[]>;
  /** Closes what preparing opened (the proxy forwarder). */
  close(): void;
}

/**
 * Checks a plan against its method and reads what it needs, so a mistake is reported before
 * any call with the field it is in: an unknown placeholder, a column the data file lacks, a body
 * that does not fit the request type, a threshold that does not parse.
 */
export async function prepareLoad(plan: LoadPlan, inputs: LoadInputs): Promise<PreparedLoad> {
  const { target } = inputs;
  if (target.protocol !== 'grpc')
    throw new AppError(
      'UNSUPPORTED',
      `Load tests speak gRPC only; this target uses ${PROTOCOL_LABELS[target.protocol]}. Point the test at the server's gRPC port, or export it to k6 (--k6), whose gRPC client is the same.`,
    );
  for (const threshold of plan.thresholds) parseThreshold(threshold);
  if (plan.schedule && neverSends(plan.schedule))
    throw new AppError(
      'VALIDATION',
      'The rate schedule never sends a call: it starts at 0 calls/s and does not rise (give it a start or a positive step)',
    );
  const method = inputs.schema.method(inputs.method);
  const kind = method.methodKind;
  const streamsIn = kind === 'client_streaming' || kind === 'bidi_streaming';
  const body = inputs.body.trim() === '' ? '{}' : inputs.body;
  const texts = streamsIn ? splitJsonValues(body, FILE_KINDS.requestData) : [body];
  if (!texts.length) texts.push('{}');
  const data = plan.data ? await readDataFile(resolve(inputs.baseDir, plan.data.path)) : undefined;
  const columns = data?.columns;

  const templates = texts.map((text, i) =>
    compileTemplate(text, texts.length > 1 ? `request message ${i + 1}` : 'the request body', columns),
  );
  for (const m of inputs.metadata) compileTemplate(m.value, `metadata '${m.name}'`, columns, { json: false });
  // The first call's body, filled in and encoded here: a body that does not fit fails now, named.
  const sample = { seq: 0, row: data?.rows[0] };
  const encoded = templates.map(
    (t, i) =>
      encodeRequest(method.input, t.render(sample), inputs.schema.registry, { index: streamsIn ? i : undefined }).bytes,
  );
  const bodies: WorkerBodies = templates.every((t) => t.constant)
    ? { kind: 'bytes', messages: encoded.map((b) => new Uint8Array(b)) }
    : {
        kind: 'templates',
        messages: texts,
        files: toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: inputs.schema.files })),
        inputType: method.input.typeName,
      };

  const auth = inputs.auth && target.auth ? inputs.auth : undefined;
  const authEntries = auth ? (await auth.metadata(target, inputs.metadata)).metadata : [];
  const tlsFiles = needsTlsFiles(target) ? await readTlsFiles(target) : {};
  const forwarder = await startProxyFor(target, inputs.proxies ?? {}, tlsFiles);
  return {
    plan,
    target,
    method,
    ...(inputs.requestPath ? { requestPath: inputs.requestPath } : {}),
    bodies,
    metadata: [...inputs.metadata, ...authEntries],
    ...(data ? { data } : {}),
    tlsFiles,
    dialAddress: forwarder ? forwarder.address : normalizeAddress(target.address),
    viaProxy: forwarder !== undefined,
    ...(auth ? { renewAuth: async () => (await auth.metadata(target, inputs.metadata)).metadata } : {}),
    close: () => forwarder?.close(),
  };
}
