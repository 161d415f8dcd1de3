import { resolve } from 'node:path';
import { ChannelPool, toGrpcMetadata } from '../../core/calls';
import { FILE_KINDS, readUserFile } from '../../core/fs/read-user-file';
import { loadDriftSide } from '../../core/handlers/drift-sides';
import {
  DEFAULT_RULE,
  loadRules,
  RECORDED,
  recordingHandlers,
  RuleFileWriter,
  startMockServer,
  type MockCallEntry,
  type MockTls,
} from '../../core/mock';
import { statusName } from '../../core/calls/status';
import { parseHeaders } from '../../../shared/workspace/connection-flags';
import { parseSource, type SourceFlags } from '../drift-sources';
import { buildTarget, parseMaxTime, usage } from '../options';
import type { CliIo } from '../session';
import { parsePort, untilStopped } from './serve';

export interface MockFlags extends SourceFlags {
  port?: string;
  host?: string;
  webPort?: string;
  rules?: string;
  record?: string;
  tlsCert?: string;
  tlsKey?: string;
  tlsClientCa?: string;
  quiet?: boolean;
}

/** Where recordings go when --rules names no folder: the workspace convention. */
export const DEFAULT_RULES_DIR = 'mocks';

/**
 * `loupe mock <schema source>`: a gRPC server for every service of the schema until stopped,
 * answering from rule files (or each method's sample), or, with --record, forwarding to a real
 * server and writing what it answered as rules. The ready line on stdout names the address;
 * each call is one line on stderr.
 */
export async function runMock(source: string, flags: MockFlags, io: CliIo, signal?: AbortSignal): Promise<number> {
  const port = parsePort(flags.port) ?? 0;
  const webPort = parsePort(flags.webPort, '--web-port');
  if (webPort !== undefined && flags.record !== undefined) {
    throw usage(
      '--record forwards gRPC calls only: leave out --web-port while recording, and serve the rules with it after',
    );
  }
  const tls = await readServingTls(flags);
  const pool = new ChannelPool();
  try {
    const metadata = toGrpcMetadata(parseHeaders(flags.header));
    const deadlineMs = parseMaxTime({ ...flags, proto: [], protoset: [] });
    const side = await loadDriftSide(await parseSource(source, flags), pool, {
      metadata,
      deadlineMs,
      baseDir: process.cwd(),
    });
    const schema = side.schema;
    for (const warning of schema.warnings) io.stderr.write(`loupe: warning: ${side.label}: ${warning}\n`);

    let rules;
    if (flags.rules !== undefined && flags.record === undefined) {
      rules = await loadRules(resolve(flags.rules), schema);
      for (const problem of rules.problems) io.stderr.write(`loupe: mock rules: ${problem} (file left out)\n`);
    }
    let writer: RuleFileWriter | undefined;
    let handlerFor;
    if (flags.record !== undefined) {
      const upstream = buildTarget(flags.record, { ...flags, proto: [], protoset: [] });
      const dir = resolve(flags.rules ?? DEFAULT_RULES_DIR);
      writer = new RuleFileWriter(dir, (problem) => io.stderr.write(`loupe: mock rules: ${problem}\n`));
      handlerFor = recordingHandlers(await pool.prepare(upstream), schema.registry, writer);
      await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
    }
    const server = await startMockServer({
      schema,
      rules: rules?.byPath,
      host: flags.host,
      port,
      tls,
      webPort,
      handlerFor,
      onCall: flags.quiet ? undefined : (entry) => io.stderr.write(callLine(entry)),
    });
    const ruleNote = rules
      ? `, ${rules.files.length} rule file${rules.files.length === 1 ? '' : 's'}`
      : flags.record
        ? `, recording ${flags.record} into ${flags.rules ?? DEFAULT_RULES_DIR}`
        : '';
    io.stdout.write(
      `Mock server (${server.services.join(', ') || 'no services'}; reflection, health${ruleNote}) listening on ${tls ? 'TLS ' : ''}${server.address}\n`,
    );
    if (server.webAddress) {
      io.stdout.write(`The same mock over gRPC-Web, gRPC-Web text and Connect listening on ${server.webAddress}\n`);
    }
    await untilStopped(signal);
    await server.stop();
    await writer?.flush();
    return 0;
  } finally {
    pool.dispose();
  }
}

/** One line per call: method, the rule that answered, the outcome. */
export function callLine(entry: MockCallEntry): string {
  const outcome = entry.code === 0 ? 'OK' : `${statusName(entry.code)}${entry.message ? `: ${entry.message}` : ''}`;
  const messages = entry.responses === 1 ? '1 message' : `${entry.responses} messages`;
  const rule =
    entry.rule === DEFAULT_RULE || entry.rule.startsWith(RECORDED) ? entry.rule : `rule ${JSON.stringify(entry.rule)}`;
  return `${entry.method} <- ${rule} -> ${outcome} (${messages}, ${entry.durationMs} ms)\n`;
}

async function readServingTls(flags: MockFlags): Promise<MockTls | undefined> {
  if (!flags.tlsCert && !flags.tlsKey) {
    if (flags.tlsClientCa) throw usage('--tls-client-ca needs --tls-cert and --tls-key: mutual TLS is TLS first');
    return undefined;
  }
  if (!flags.tlsCert || !flags.tlsKey) throw usage('--tls-cert and --tls-key go together: the certificate and its key');
  return {
    cert: await readUserFile(flags.tlsCert, FILE_KINDS.serverCert),
    key: await readUserFile(flags.tlsKey, FILE_KINDS.serverKey),
    clientCa: flags.tlsClientCa ? await readUserFile(flags.tlsClientCa, FILE_KINDS.caBundle) : undefined,
  };
}
