import { create, toBinary, type DescMethod } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { MetadataEntry } from '../../../shared/model/call';
import type { ExportedFile, LoadPlan } from '../../../shared/model/load';
import type { TargetSettings } from '../../../shared/model/target';
import { splitJsonValues } from '../../../shared/json/json-stream';
import { FILE_KINDS } from '../fs/read-user-file';
import { connectTimeoutOf } from '../../../shared/model/target';
import type { SchemaRegistry } from '../schema';
import type { DataRows } from './data-file';
import { k6Scenarios, k6Thresholds } from './k6-scenarios';

export const K6_SCRIPT = 'loadtest.js';
const PROTOSET = 'schema.protoset';
const ROWS = 'rows.json';

export interface K6Inputs {
  plan: LoadPlan;
  target: TargetSettings;
  method: DescMethod;
  schema: SchemaRegistry;
  /** Request texts as the plan gives them (placeholders kept). */
  messages: string[];
  /** Metadata without auth: a token is not written into a file; the script reads AUTHORIZATION. */
  metadata: MetadataEntry[];
  data?: DataRows;
}

/**
 * The plan as a k6 script using k6/net/grpc, with what it loads beside it: the schema as a
 * protoset (the method's file and its imports) unless the target answers reflection, and the
 * data rows as JSON. Placeholders become the same values in JavaScript.
 */
export function exportK6(inputs: K6Inputs): ExportedFile[] {
  const { plan, target, method } = inputs;
  const kind = method.methodKind;
  const files: ExportedFile[] = [];
  const reflect = target.schema.reflection;
  if (!reflect) {
    const set = create(FileDescriptorSetSchema, { file: filesFor(inputs.schema, method.parent.file.proto.name) });
    files.push({
      path: PROTOSET,
      content: Buffer.from(toBinary(FileDescriptorSetSchema, set)).toString('base64'),
      encoding: 'base64',
    });
  }
  if (inputs.data) files.push({ path: ROWS, content: JSON.stringify(inputs.data.rows), encoding: 'utf8' });
  const streams = kind !== 'unary';
  const streamsIn = kind === 'client_streaming' || kind === 'bidi_streaming';
  // One text may hold a stream's messages as a sequence of JSON values (as -d takes them).
  const messages = streamsIn
    ? inputs.messages.flatMap((m) => splitJsonValues(m, FILE_KINDS.requestData))
    : inputs.messages;
  const perStream = streamsIn ? Math.max(1, plan.stream.messages ?? messages.length) : 1;
  const durationMetric = streams ? 'stream_duration' : 'grpc_req_duration';
  const options = {
    scenarios: k6Scenarios(plan),
    thresholds: { ...k6Thresholds(plan, durationMetric) },
    ...(target.tls.insecureSkipVerify ? { insecureSkipTLSVerify: true } : {}),
  };
  const tls = target.tls.enabled && target.tls.certPath && target.tls.keyPath;
  const connect = {
    plaintext: !target.tls.enabled,
    ...(reflect ? { reflect: true } : {}),
    timeout: `${connectTimeoutOf(target) / 1000}s`,
    ...(target.maxReceiveMessageBytes ? { maxReceiveSize: target.maxReceiveMessageBytes } : {}),
    ...(target.maxSendMessageBytes ? { maxSendSize: target.maxSendMessageBytes } : {}),
  };
  const json = (v: unknown) => JSON.stringify(v, null, 2);
  const lines = [
    `// A Loupe load test of ${method.parent.typeName}/${method.name}, exported for k6 (https://k6.io).`,
    `// Run: k6 run ${K6_SCRIPT}${target.auth ? '   (with -e AUTHORIZATION="Bearer <token>": tokens are not written here)' : ''}`,
    ...(target.tls.enabled && target.tls.caPath && !tls
      ? [`// The server's CA (${target.tls.caPath}) must be trusted by the machine that runs k6 (SSL_CERT_FILE).`]
      : []),
    `import grpc from 'k6/net/grpc';`,
    `import { check${streamsIn && plan.stream.intervalMs ? ', sleep' : ''} } from 'k6';`,
    `import exec from 'k6/execution';`,
    ...(streams ? [`import { Trend } from 'k6/metrics';`] : []),
    ...(inputs.data ? [`import { SharedArray } from 'k6/data';`] : []),
    '',
    `export const options = ${json(options)};`,
    '',
    `const client = new grpc.Client();`,
    ...(reflect ? [] : [`client.loadProtoset('./${PROTOSET}');`]),
    ...(inputs.data ? [`const rows = new SharedArray('rows', () => JSON.parse(open('./${ROWS}')));`] : []),
    ...(streams ? [`const streamDuration = new Trend('stream_duration', true);`] : []),
    `const ADDRESS = ${JSON.stringify(target.address)};`,
    `const METHOD = ${JSON.stringify(`${method.parent.typeName}/${method.name}`)};`,
    `const MESSAGES = ${json(messages.length ? messages : ['{}'])};`,
    `const METADATA = ${json(inputs.metadata.map((m) => [m.name, m.value]))};`,
    ...(tls
      ? [
          `const TLS = { cert: open(${JSON.stringify(target.tls.certPath)}), key: open(${JSON.stringify(target.tls.keyPath)})${target.tls.caPath ? `, cacerts: [open(${JSON.stringify(target.tls.caPath)})]` : ''} };`,
        ]
      : []),
    '',
    PLACEHOLDER_CODE(inputs.data !== undefined, plan.data?.pick === 'random'),
    '',
    `/**`,
    ` * The call's metadata, placeholders filled in, with AUTHORIZATION from the environment when given.`,
    ` * @param {number} seq @param {Record<string, string> | undefined} row`,
    ` */`,
    `function metadata(seq, row) {`,
    `  /** @type {Record<string, string>} */`,
    `  const out = {};`,
    `  for (const [name, value] of METADATA) out[name] = fill(value, seq, row, false);`,
    `  if (__ENV.AUTHORIZATION) out.authorization = __ENV.AUTHORIZATION;`,
    `  return out;`,
    `}`,
    '',
    `let connected = false;`,
    '',
    `export default function () {`,
    `  if (!connected) {`,
    `    client.connect(ADDRESS, ${tls ? `{ ...${JSON.stringify(connect)}, tls: TLS }` : JSON.stringify(connect)});`,
    `    connected = true;`,
    `  }`,
    `  const seq = exec.scenario.iterationInTest;`,
    `  const row = rowFor(seq);`,
    `  const params = { metadata: metadata(seq, row), timeout: '${plan.deadlineMs / 1000}s' };`,
    ...(streams ? streamCall(perStream, plan.stream.intervalMs, streamsIn) : unaryCall()),
    `}`,
    '',
  ];
  files.unshift({ path: K6_SCRIPT, content: lines.join('\n'), encoding: 'utf8' });
  return files;
}

function unaryCall(): string[] {
  return [
    `  const response = client.invoke(METHOD, body(MESSAGES[0], seq, row), params);`,
    `  check(response, { 'status is OK': (r) => r !== undefined && r.status === grpc.StatusOK });`,
  ];
}

function streamCall(perStream: number, intervalMs: number, streamsIn: boolean): string[] {
  return [
    `  const started = Date.now();`,
    `  const stream = new grpc.Stream(client, METHOD, params);`,
    `  let failed = false;`,
    `  stream.on('error', () => {`,
    `    failed = true;`,
    `  });`,
    `  stream.on('end', () => {`,
    `    streamDuration.add(Date.now() - started);`,
    `    check(failed, { 'status is OK': (f) => !f });`,
    `  });`,
    `  for (let i = 0; i < ${streamsIn ? perStream : 1}; i++) {`,
    ...(streamsIn && intervalMs ? [`    if (i > 0) sleep(${intervalMs / 1000});`] : []),
    `    stream.write(body(MESSAGES[i % MESSAGES.length], seq, row));`,
    `  }`,
    `  stream.end();`,
  ];
}

/** The placeholders as Loupe fills them (see placeholders.ts), in the script's JavaScript. */
const PLACEHOLDER_CODE = (rows: boolean, random: boolean) =>
  [
    `/** @param {number} seq */`,
    `function rowFor(seq) {`,
    rows
      ? `  return rows[${random ? 'Math.floor(Math.random() * rows.length)' : 'seq % rows.length'}];`
      : `  return seq < 0 ? {} : undefined;`,
    `}`,
    '',
    `function uuid() {`,
    `  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {`,
    `    const r = Math.floor(Math.random() * 16);`,
    `    return (c === 'x' ? r : (r & 3) | 8).toString(16);`,
    `  });`,
    `}`,
    '',
    `/**`,
    ` * {{$seq}}, {{$uuid}}, {{$randomInt}}, {{$timestamp}}, {{$row.column}}: escaped for JSON strings in bodies.`,
    ` * @param {string} text @param {number} seq @param {Record<string, string> | undefined} row @param {boolean} json`,
    ` */`,
    `function fill(text, seq, row, json) {`,
    `  return text.replace(/\\{\\{\\s*\\$([A-Za-z]\\w*)(?:\\.([^}\\s]+))?\\s*\\}\\}/g, (_, name, key) => {`,
    `    const value =`,
    `      name === 'seq' ? String(seq)`,
    `      : name === 'uuid' ? uuid()`,
    `      : name === 'randomInt' ? String(Math.floor(Math.random() * 2147483647))`,
    `      : name === 'timestamp' ? String(Date.now())`,
    `      : String((row && row[key]) ?? '');`,
    `    return json ? JSON.stringify(value).slice(1, -1) : value;`,
    `  });`,
    `}`,
    '',
    `/** @param {string} text @param {number} seq @param {Record<string, string> | undefined} row @returns {object} */`,
    `function body(text, seq, row) {`,
    `  return JSON.parse(fill(text, seq, row, true));`,
    `}`,
  ].join('\n');

/** The file that declares the method and everything it imports, dependencies first. */
function filesFor(schema: SchemaRegistry, name: string): FileDescriptorProto[] {
  const byName = new Map(schema.files.map((f) => [f.name, f]));
  const out: FileDescriptorProto[] = [];
  const seen = new Set<string>();
  const visit = (n: string) => {
    if (seen.has(n)) return;
    seen.add(n);
    const file = byName.get(n);
    if (!file) return;
    for (const dep of file.dependency) visit(dep);
    out.push(file);
  };
  visit(name);
  return out;
}
