import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError } from '../../../shared/model/errors';
import type { MetadataEntry } from '../../../shared/model/call';
import type { LoadPlan } from '../../../shared/model/load';
import type { LoadReport } from '../../../shared/model/load-report';
import type { TargetSettings } from '../../../shared/model/target';
import { parseHeaders } from '../../../shared/workspace/connection-flags';
import { writeFileAtomic } from '../../core/fs/atomic-write';
import { FILE_KINDS, readUserText } from '../../core/fs/read-user-file';
import { loadTargetSchema } from '../../core/handlers/load-target-schema';
import { toGrpcMetadata } from '../../core/calls';
import { exportK6, htmlReport, LoadRunStore, maskReport, prepareLoad, readDataFile, runLoad } from '../../core/load';
import { userDataDir } from '../../core/paths';
import { defaultSecretStore, resolveTemplateNow, SecretMask, templateAt, WorkspaceStore } from '../../core/workspace';
import { targetWithAuth } from '../auth-flag';
import { metadataFlag, planFromFlags, type LoadFlags } from '../load-flags';
import { progressLine, summaryText } from '../load-output';
import { usage } from '../options';
import { maskedIo, Session, type CliIo } from '../session';

/** Exit status when the run went through but a threshold was missed (1 stays for errors). */
export const THRESHOLD_MISSED = 2;

interface Resolved {
  target: TargetSettings;
  method: string;
  body: string;
  metadata: MetadataEntry[];
  requestPath?: string;
  root: string | null;
  baseDir: string;
}

/**
 * `loupe load`: a load test of a method (`<address> <method>`, grpcurl's flags for the
 * connection) or of a saved request (`--workspace <dir> <request-path>`), ghz's flags for the
 * load. Exits 0, THRESHOLD_MISSED when a threshold is missed (naming which), 1 on errors.
 */
export async function runLoadCommand(
  args: string[],
  flags: LoadFlags,
  unmaskedIo: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const mask = new SecretMask();
  const io = maskedIo(unmaskedIo, mask);
  const resolved = await resolveRequest(args, flags, mask, env);
  const plan = planFromFlags(flags, {
    method: resolved.method,
    body: resolved.body,
    metadata: resolved.metadata,
  });
  const session = new Session(resolved.target, io.stderr);
  try {
    const schema = await loadTargetSchema(resolved.target, session.pool, {
      metadata: toGrpcMetadata(resolved.metadata),
      baseDir: resolved.baseDir,
      auth: session.auth,
    });
    if (flags.k6) return await writeK6(flags.k6, plan, resolved, schema, io, mask);
    const prepared = await prepareLoad(plan, { ...resolved, schema, auth: session.auth });
    const stderr = unmaskedIo.stderr as { isTTY?: boolean };
    const live = stderr.isTTY === true;
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    let report: LoadReport;
    try {
      report = maskReport(
        mask,
        await runLoad(prepared, {
          signal: stop.signal,
          onProgress: live ? (p) => io.stderr.write(`\r\x1b[2K${progressLine(p)}`) : undefined,
        }),
      );
    } finally {
      process.off('SIGINT', onSignal);
      if (live) io.stderr.write('\n');
    }
    io.stdout.write(summaryText(report));
    if (flags.output) await writeFileAtomic(resolve(flags.output), JSON.stringify(report, null, 2) + '\n');
    if (flags.html) await writeFileAtomic(resolve(flags.html), htmlReport(report));
    if (flags.history !== false) await new LoadRunStore(userDataDir(env)).save(resolved.root, report);
    if (report.error) io.stderr.write(`loupe: the run stopped early: ${report.error}\n`);
    const missed = report.thresholds.filter((t) => !t.passed);
    if (missed.length) {
      io.stderr.write(
        `loupe: ${missed.length} threshold${missed.length > 1 ? 's' : ''} missed: ${missed.map((t) => `${t.expression} (measured ${t.actual.toFixed(2)})`).join(', ')}\n`,
      );
      return THRESHOLD_MISSED;
    }
    return report.endReason === 'error' ? 1 : 0;
  } finally {
    session.close();
  }
}

async function resolveRequest(
  args: string[],
  flags: LoadFlags,
  mask: SecretMask,
  env: NodeJS.ProcessEnv,
): Promise<Resolved> {
  const extra = [...parseHeaders(flags.header), ...metadataFlag(flags.metadata)];
  const body = flags.dataPath !== undefined ? await readUserText(flags.dataPath, FILE_KINDS.requestData) : flags.data;
  const bodyText = body?.startsWith('@') ? await readUserText(body.slice(1), FILE_KINDS.requestData) : body;
  if (flags.workspace) {
    if (args.length !== 1) throw usage('with --workspace, name one saved request, e.g. users/get-user');
    const store = await WorkspaceStore.open(flags.workspace);
    const content = await store.readWorkspaceFile();
    const environment = flags.env ?? content.defaultEnvironment ?? null;
    const template = await templateAt(store, args[0]!);
    const sources = { store: defaultSecretStore(userDataDir(env)), env, mask };
    const request = await resolveTemplateNow(store, template, environment, sources, args[0]!);
    return {
      target: request.target,
      method: request.method,
      body: bodyText ?? request.messages.join('\n'),
      metadata: [...request.metadata, ...extra],
      requestPath: args[0]!,
      root: store.root,
      baseDir: store.root,
    };
  }
  if (args.length !== 2)
    throw usage(
      'name the server and the method: loupe load <address> <pkg.Service/Method>, or --workspace <dir> <request>',
    );
  return {
    target: await targetWithAuth(args[0]!, flags, env),
    method: args[1]!,
    body: bodyText ?? '{}',
    metadata: extra,
    root: null,
    baseDir: process.cwd(),
  };
}

async function writeK6(
  dir: string,
  plan: LoadPlan,
  resolved: Resolved,
  schema: Awaited<ReturnType<typeof loadTargetSchema>>,
  io: CliIo,
  mask: SecretMask,
): Promise<number> {
  if (resolved.target.protocol !== 'grpc')
    throw new AppError('UNSUPPORTED', 'The k6 export speaks gRPC: k6/net/grpc has no gRPC-Web or Connect client');
  const data = plan.data ? await readDataFile(resolve(resolved.baseDir, plan.data.path)) : undefined;
  const files = exportK6({
    plan,
    target: resolved.target,
    method: schema.method(resolved.method),
    schema,
    messages: [resolved.body],
    metadata: resolved.metadata,
    ...(data ? { data } : {}),
  });
  await mkdir(dir, { recursive: true });
  for (const file of files) {
    // A secret the environment put in the request is not written out.
    const content = file.encoding === 'utf8' ? mask.text(file.content) : Buffer.from(file.content, 'base64');
    await writeFile(join(dir, file.path), content);
    io.stdout.write(`${join(dir, file.path)}\n`);
  }
  return 0;
}
