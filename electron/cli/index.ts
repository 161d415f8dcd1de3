import { Command, CommanderError } from 'commander';
import { AppError } from '../../shared/model/errors';
import type { CallFlags } from './commands/call';
import type { DecodeFlags } from './commands/decode';
import type { DriftFlags, SnapshotFlags } from './commands/drift';
import type { LoadFlags } from './load-flags';
import type { MockFlags } from './commands/mock';
import type { RunFlags } from './commands/run';
import { DEFAULT_DEMO_PORT, DEFAULT_DEMO_WEB_PORT, DEFAULT_WEB_PORT } from '../core/preferred-port';
import { APP_VERSION } from '../core/version';
import { addConnectionOptions, addServerOptions, collect, SOURCE_HELP, type ConnectionFlags } from './options';
import type { CliIo } from './session';

export type { CliIo } from './session';

export interface RunCliOptions {
  /** Stops long-running commands (web, demo, mock) besides SIGINT/SIGTERM; used by tests. */
  signal?: AbortSignal;
}

/**
 * The `loupe` command line. Returns the exit code instead of exiting, so it runs in-process in
 * tests and the entry point (main.ts) decides when the process ends.
 * Exit codes: 0 OK; 64 + gRPC code for a non-OK status (grpcurl's convention); 2 when `drift`
 * finds a breaking change; 1 for usage and local errors, reported in one line on stderr.
 */
/*
 * Commands are imported when they run: each needs a different part of the engine (gRPC, the
 * web server, the demo server, workspaces), and loading all of it costs a cold `loupe call`
 * more than the call itself.
 */
export async function runCli(argv: string[], io: CliIo, options: RunCliOptions = {}): Promise<number> {
  let code = 0;
  const program = new Command('loupe')
    .description(
      'Explore and call gRPC servers: list, describe, call (grpcurl conventions), run saved requests, load-test, snapshot and drift, mock, web, demo.',
    )
    .version(APP_VERSION, '--version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  /*
   * Each command with its options. Only the command being run is defined: commander checks every
   * new option against the command's others, and defining all of them (about 200 options) had
   * cost every cold start ~6-9 ms of its CPU profile before the command ran. Without a command's
   * name (help, --version, a mistyped name) all are defined, so help and suggestions list them all.
   */
  const commands: Record<string, (name: string) => unknown> = {
    list: (name) =>
      addConnectionOptions(
        program
          .command(name)
          .description('list services, or the methods of one service, one fully-qualified name a line')
          .argument('<address>', 'host:port, dns:///host:port or unix:/path')
          .argument('[service]', 'a fully-qualified service name'),
      ).action(async (address: string, service: string | undefined, flags: ConnectionFlags) => {
        code = await (await import('./commands/schema')).runList(address, service, flags, io);
      }),
    describe: (name) =>
      addConnectionOptions(
        program
          .command(name)
          .description('describe a service, method, message, enum or field in proto syntax')
          .argument('<address>', 'host:port, dns:///host:port or unix:/path')
          .argument('<symbol>', 'a fully-qualified name, e.g. pkg.Service, pkg.Service/Method or pkg.Message'),
      ).action(async (address: string, symbol: string, flags: ConnectionFlags) => {
        code = await (await import('./commands/schema')).runDescribe(address, symbol, flags, io);
      }),
    call: (name) =>
      addConnectionOptions(
        program
          .command(name)
          .description('call a method; each response message is printed as JSON on stdout as it arrives')
          .argument('<address>', 'host:port, dns:///host:port or unix:/path')
          .argument('<method>', 'pkg.Service/Method')
          .option('-d, --data <json>', 'request JSON, @file, or @- for stdin; streams take a sequence of JSON values')
          .option('--emit-defaults', 'print fields with default values too')
          .option('--show-unknown', 'print fields the schema does not know (a newer server) on stderr')
          .option('--format <format>', "'json' (default) or 'text': protobuf text format for -d and the responses")
          .option('-v', 'print request and response metadata, status and timing on stderr'),
      ).action(async (address: string, method: string, flags: CallFlags) => {
        code = await (await import('./commands/call')).runCall(address, method, flags, io);
      }),
    run: (name) =>
      program
        .command(name)
        .description('run saved requests of a workspace; one line per request, exit 1 if any fails')
        .argument('<workspace>', 'the workspace folder (holding loupe.workspace.json)')
        .argument('[items...]', 'saved requests or folders to run, e.g. users/get-user or users (default: all)')
        .option('--env <name>', "environment to apply (default: the workspace's defaultEnvironment)")
        .option(
          '--reporter <kind>',
          "'lines' (default), 'json' (a machine-readable report) or 'junit' (XML for CI) on stdout",
        )
        .option('--max-time <seconds>', 'deadline for each request that has none of its own')
        .option('--no-history', 'do not record the calls in the history')
        .option('--trust', "run the workspace's scripts even though this machine has not trusted its folder (for CI)")
        .option('--no-scripts', 'run the requests without their scripts (hooks and tests)')
        .option('--bail', 'stop at the first request that fails (the rest are reported as not run)')
        .option('--update-snapshots', 'approve what snapshot tests received where none is approved or it differs')
        .addHelpText(
          'after',
          '\nSecret variables come from LOUPE_SECRET_<NAME> (NAME upper-cased, other characters as _) or from the secrets stored by the app.',
        )
        .action(async (workspace: string, items: string[], flags: RunFlags) => {
          code = await (await import('./commands/run')).runWorkspace(workspace, items, flags, io);
        }),
    load: (name) =>
      addConnectionOptions(
        program
          .command(name)
          .description(
            "load-test a method (ghz's flags): calls, concurrency, rate schedules, thresholds; a summary on stdout, progress on stderr",
          )
          .argument(
            '[target...]',
            '<address> <pkg.Service/Method>, or with --workspace one saved request, e.g. users/get-user',
          )
          .option('--workspace <dir>', 'run a saved request of this workspace (its target, metadata and body)')
          .option(
            '--env <name>',
            "with --workspace: the environment to apply (default: the workspace's defaultEnvironment)",
          )
          .option('-c, --concurrency <n>', 'calls in flight at once (default 50)')
          .option('-n, --total <n>', 'calls to make (default 200 when -z is not given)')
          .option('-z, --duration <duration>', 'run for this long, e.g. 30s or 1m30s (with -n, whichever comes first)')
          .option('--rps <n>', 'calls per second, across all workers (default: no limit)')
          .option('--connections <n>', 'connections (channels), spread across worker threads (default 1)')
          .option('--load-schedule <kind>', 'const (default), step or line')
          .option('--load-start <rps>', 'step and line: the rate to start from')
          .option('--load-end <rps>', 'step and line: the rate to stop changing at')
          .option('--load-step <rps>', 'step: added each step; line: added each second (negative to go down)')
          .option('--load-step-duration <duration>', 'step: how long each step lasts, e.g. 5s')
          .option('--load-max-duration <duration>', 'step and line: stop changing the rate after this long')
          .option(
            '-d, --data <json>',
            'request JSON or @file; streams take a sequence of JSON values; {{$seq}}, {{$uuid}}, {{$row.col}}...',
          )
          .option('-D, --data-path <file>', 'request JSON from a file (as -d @file)')
          .option('-m, --metadata <json>', 'metadata as a JSON object of names to values (besides -H)')
          .option('--data-file <file>', 'rows for {{$row.column}}: .csv (first line names the columns) or .ndjson')
          .option('--data-pick <order>', 'rows in file order (sequence, the default) or random')
          .option('--stream-messages <n>', 'client and bidi streams: messages each stream sends')
          .option('--stream-interval <duration>', "pause between a stream's messages, e.g. 10ms")
          .option('--warmup <n|duration>', 'calls (e.g. 100) or time (e.g. 5s) at the start, left out of the results')
          .option('--timeout <duration>', 'deadline of each call (default 20s)')
          .option(
            '--threshold <expr>',
            "fail (exit 2) unless it holds, e.g. 'p99<200ms', 'errors<1%', 'rps>=100' (repeatable)",
            collect,
            [],
          )
          .option('-o, --output <file>', "write the report as JSON (ghz's field names)")
          .option('--html <file>', 'write the report as a self-contained HTML page with charts')
          .option('--k6 <dir>', 'write the test as a k6 script (k6/net/grpc) to this folder instead of running it')
          .option('--no-history', 'do not keep the report in the run history')
          .addHelpText(
            'after',
            "\nExit status: 0 when the run went through and every threshold holds, 2 when a threshold is missed, 1 on errors.\nWith a rate, latency counts from each call's scheduled send time (coordinated omission corrected).",
          ),
      ).action(async (args: string[], flags: LoadFlags) => {
        code = await (await import('./commands/load')).runLoadCommand(args, flags, io);
      }),
    snapshot: (name) =>
      addServerOptions(
        program
          .command(name)
          .description(
            'save a schema as a snapshot: FILE (a FileDescriptorSet) and FILE.txt (its readable form, for diffs)',
          )
          .argument('<source>', SOURCE_HELP)
          .requiredOption('-o, --output <file>', 'the snapshot file to write, e.g. snapshots/prod.binpb')
          .option('--name <name>', 'the name recorded in the snapshot (default: the file name)')
          .option('-I, --import-path <dir>', 'import path for .proto sources (repeatable)', collect, []),
      ).action(async (source: string, flags: SnapshotFlags) => {
        code = await (await import('./commands/drift')).runSnapshot(source, flags, io);
      }),
    drift: (name) =>
      addServerOptions(
        program
          .command(name)
          .description('what changed from <base> to <other> and whom it breaks, one finding a line')
          .argument('<base>', `the schema as it was (or as clients know it): ${SOURCE_HELP}`)
          .argument('<other>', 'the schema as it is now, in any of the same forms')
          .option(
            '--category <category>',
            'how strict: WIRE (running clients), WIRE_JSON (and JSON clients; the default), PACKAGE (and generated code), FILE (and per-file imports)',
          )
          .option('--reporter <kind>', "'text' (default), 'json' (the whole report) or 'junit' (XML for CI)")
          .option('-I, --import-path <dir>', 'import path for .proto sources (repeatable)', collect, [])
          .addHelpText(
            'after',
            '\nExit status: 0 when nothing breaks at the chosen category, 2 when something does, 1 on errors (usage, unreadable sources, unreachable servers).',
          ),
      ).action(async (base: string, other: string, flags: DriftFlags) => {
        code = await (await import('./commands/drift')).runDrift(base, other, flags, io);
      }),
    mock: (name) =>
      addServerOptions(
        program
          .command(name)
          .description(
            'serve every service of a schema with answers from rule files (or sample answers), with reflection and health, until stopped',
          )
          .argument('<source>', `the schema to serve: ${SOURCE_HELP}`)
          .option('--port <port>', 'port to listen on (default 0: a free one, named in the ready line)')
          .option('--host <host>', 'interface to bind (default 127.0.0.1)')
          .option('--web-port <port>', 'also serve gRPC-Web, gRPC-Web text and Connect on this port (0: a free one)')
          .option(
            '--rules <dir>',
            'folder of rule files (*.json); with --record, where rules are written (default mocks)',
          )
          .option('--record <upstream>', 'forward every call to this server and write what it answered as rules')
          .option('--tls-cert <file>', 'serve TLS with this certificate (PEM; with --tls-key)')
          .option('--tls-key <file>', 'private key (PEM) of --tls-cert')
          .option('--tls-client-ca <file>', 'require client certificates signed by these CAs (mutual TLS)')
          .option('--quiet', 'do not print a line on stderr for each call')
          .option('-I, --import-path <dir>', 'import path for .proto sources (repeatable)', collect, [])
          .addHelpText(
            'after',
            '\nThe connection options (--plaintext, --cacert, -H...) reach the schema source when it is a server, and the --record upstream.',
          ),
      ).action(async (source: string, flags: MockFlags) => {
        code = await (await import('./commands/mock')).runMock(source, flags, io, options.signal);
      }),
    decode: (name) =>
      addServerOptions(
        program
          .command(name)
          .description(
            "one message's bytes as JSON, text format or the raw wire tree (like protoc --decode and --decode_raw)",
          )
          .argument('[source]', `the schema to read --type from: ${SOURCE_HELP}`)
          .option('--type <message>', 'the message type, e.g. pkg.Msg (without it: the raw tree, no schema needed)')
          .option('--format <format>', "'json' (default with --type), 'text' (protobuf text format) or 'raw'")
          .option('--input <file>', 'read the bytes from this file instead of stdin')
          .option(
            '--encoding <encoding>',
            "'auto' (default: hexadecimal or base64 text is read as such, anything else as binary), 'binary', 'hex' or 'base64'",
          )
          .option('-I, --import-path <dir>', 'import path for .proto sources (repeatable)', collect, []),
      ).action(async (source: string | undefined, flags: DecodeFlags) => {
        code = await (await import('./commands/decode')).runDecode(source, flags, io);
      }),
    web: (name) =>
      program
        .command(name)
        .description('open Loupe in your browser (served from this machine, loopback only)')
        .option(
          '--port <port>',
          `port to listen on (default: ${DEFAULT_WEB_PORT}, or a free one when that is taken; 0: a free one)`,
        )
        .option('--no-open', 'do not open a browser, just print the URL')
        .action(async (flags: { port?: string; open?: boolean }) => {
          code = await (await import('./commands/serve')).runWeb(flags, io, options.signal);
        }),
    demo: (name) =>
      program
        .command(name)
        .description(
          'run the embedded demo server (loupe.demo.v1.Demo with reflection) until stopped, over gRPC and, on a second port, gRPC-Web and Connect',
        )
        .option(
          '--port <port>',
          `port to listen on (default: ${DEFAULT_DEMO_PORT}, or a free one when that is taken; 0: a free one)`,
        )
        .option('--host <host>', 'interface to bind (default 127.0.0.1)')
        .option(
          '--web-port <port>',
          `port of the same demo over gRPC-Web and Connect (default: ${DEFAULT_DEMO_WEB_PORT}, or a free one when that is taken)`,
        )
        .action(async (flags: { port?: string; host?: string; webPort?: string }) => {
          code = await (await import('./commands/serve')).runDemo(flags, io, options.signal);
        }),
  };
  const named = argv.find((arg) => !arg.startsWith('-'));
  const only = named !== undefined && Object.hasOwn(commands, named) ? named : undefined;
  for (const [name, define] of Object.entries(commands)) if (only === undefined || name === only) define(name);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; usage errors were already printed.
      return err.exitCode === 0 ? 0 : 1;
    }
    const message = err instanceof AppError || err instanceof Error ? err.message : String(err);
    io.stderr.write(`loupe: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 1;
  }
}
