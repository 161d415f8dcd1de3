import { AppError } from '../../../shared/model/errors';
import { FILE_KINDS, readStreamText, readUserText } from '../../core/fs/read-user-file';
import type { EngineCallEvent, CallStatus } from '../../../shared/model/call';
import { JsonValueSplitter, splitJsonValues } from '../../../shared/json/json-stream';
import { parseHeaders } from '../../../shared/workspace/connection-flags';
import { parseMaxTime, usage, type ConnectionFlags } from '../options';
import { targetWithAuth, type AuthFlag } from '../auth-flag';
import { formatStatus, pretty, summary, unknownFieldLines, verboseLine } from '../output';
import { unknownFieldReader, wireBytesOf } from '../../core/calls';
import { Session, type CliIo } from '../session';
import { withGoogleRpc } from '../../core/calls/status';
import type { DescMessage, Registry } from '@bufbuild/protobuf';

export interface CallFlags extends ConnectionFlags, AuthFlag {
  data?: string;
  emitDefaults?: boolean;
  showUnknown?: boolean;
  /** How -d is written and responses are printed: json (the default) or text (protobuf text format). */
  format?: string;
}

function callFormat(format: string | undefined): 'json' | 'text' {
  if (format === undefined || format === 'json' || format === 'text') return format ?? 'json';
  throw usage(`--format must be json or text, not '${format}'`);
}

/** The text format's readers and writers: loaded only by a call with --format text. */
async function textFormatCodec() {
  const [{ convertMessage }, { decodeToText }] = await Promise.all([
    import('../../core/schema/text-format/convert'),
    import('../../core/schema/text-format/text-codec'),
  ]);
  return { convertMessage, decodeToText };
}
type TextFormatCodec = Awaited<ReturnType<typeof textFormatCodec>>;

/** A response in text format, separated from the next by a blank line (as several messages need). */
function responseText(
  event: EngineCallEvent & { type: 'received' },
  desc: DescMessage,
  registry: Registry,
  { decodeToText }: TextFormatCodec,
): string {
  const bytes = wireBytesOf(event);
  if (!bytes) return pretty(event.json) + '\n';
  try {
    return `${decodeToText(desc, bytes, registry)}\n`;
  } catch {
    return pretty(event.json) + '\n'; // the JSON says why the bytes do not decode
  }
}

/** Exit code for a final status: 0 for OK, 64 + code otherwise (grpcurl's convention). */
export function exitCodeFor(status: CallStatus): number {
  return status.code === 0 ? 0 : 64 + status.code;
}

export async function runCall(address: string, methodName: string, flags: CallFlags, io: CliIo): Promise<number> {
  const target = await targetWithAuth(address, flags);
  const metadata = parseHeaders(flags.header);
  const deadlineMs = parseMaxTime(flags);
  const startedAt = performance.now();
  const session = new Session(target, io.stderr);
  try {
    const schema = await session.schema(metadata, deadlineMs);
    const method = schema.method(methodName);
    const streamingIn = method.methodKind === 'client_streaming' || method.methodKind === 'bidi_streaming';
    const fromStdin = flags.data === '@-';
    const textFormat = callFormat(flags.format) === 'text';
    if (textFormat && streamingIn && fromStdin) {
      throw usage('--format text reads one message: stream several to a client-streaming method as JSON values');
    }
    const textCodec = textFormat ? await textFormatCodec() : undefined;
    const registry = withGoogleRpc(schema.registry);

    // Request values known up front (literal, @file, or all of stdin for single-request methods).
    let messages: string[] = [];
    if (flags.data !== undefined && !(fromStdin && streamingIn)) {
      const text = fromStdin
        ? await readStreamText(io.stdin, 'standard input', FILE_KINDS.requestData)
        : flags.data.startsWith('@')
          ? await readUserText(flags.data.slice(1), FILE_KINDS.requestData)
          : flags.data;
      if (textCodec) {
        // Text format has no separator between messages: one message, converted exactly.
        messages = [textCodec.convertMessage(method.input, registry, { from: 'text', to: 'json', body: text })];
      } else {
        try {
          messages = splitJsonValues(text, FILE_KINDS.requestData);
        } catch (err) {
          throw usage(`invalid request data: ${(err as Error).message}`);
        }
      }
    }
    if (!streamingIn && messages.length > 1) {
      throw usage(`${method.parent.typeName}/${method.name} takes exactly one request message, got ${messages.length}`);
    }

    await session.pool.prepare(target);
    const auth = await session.auth.metadata(target, metadata);
    let sent = 0;
    let received = 0;
    let paused = false;
    const remaining = Math.max(0, (deadlineMs ?? Infinity) - (performance.now() - startedAt));
    const readUnknown = flags.showUnknown ? unknownFieldReader(method.input, method.output) : undefined;
    const handle = session.engine.start(
      {
        target,
        method,
        registry: schema.registry,
        metadata: [...metadata, ...auth.metadata],
        ...(auth.applied ? { auth: auth.applied } : {}),
        deadlineMs: Number.isFinite(remaining) ? Math.max(1, Math.round(remaining)) : undefined,
        messages,
        emitDefaults: flags.emitDefaults,
      },
      (e: EngineCallEvent) => {
        if (flags.v) {
          const line = verboseLine(e, metadata);
          if (line) io.stderr.write(line);
        }
        if (e.type === 'sent') sent++;
        if (e.type === 'received') {
          received++;
          if (flags.v && received === 1) io.stderr.write('\nResponse contents:\n');
          const bytes = readUnknown && wireBytesOf(e);
          // On stderr, so stdout stays a sequence of JSON values whatever the server sent.
          if (bytes) io.stderr.write(unknownFieldLines(received, readUnknown('received', bytes)));
          // Respect a slow stdout (a pipe into `head` or a pager): stop reading the stream meanwhile.
          const ok = io.stdout.write(
            textCodec ? responseText(e, method.output, registry, textCodec) : pretty(e.json) + '\n',
          );
          if (ok === false && io.stdout.once && !paused) {
            paused = true;
            handle.pause();
            io.stdout.once('drain', () => {
              paused = false;
              handle.resume();
            });
          }
        }
        if (e.type === 'error') io.stderr.write(`Error: ${e.message}\n${e.hint ? `Hint: ${e.hint}\n` : ''}`);
      },
    );

    let localError: string | undefined;
    if (streamingIn && fromStdin) {
      void (async () => {
        const splitter = new JsonValueSplitter(FILE_KINDS.requestData);
        try {
          io.stdin.setEncoding('utf8');
          for await (const chunk of io.stdin) {
            for (const v of splitter.push(chunk as string)) await handle.send(v);
          }
          for (const v of splitter.end()) await handle.send(v);
          handle.halfClose();
        } catch (err) {
          // The server may end a bidi call while we still read: that is not an error of the input.
          if (err instanceof AppError && /has ended/.test(err.message)) return;
          localError = `invalid request data: ${(err as Error).message}`;
          handle.cancel();
        }
      })();
    } else if (streamingIn) {
      handle.halfClose();
    }

    const status = await handle.done;
    if (localError) {
      io.stderr.write(`loupe: ${localError}\n`);
      return 1;
    }
    if (status.code !== 0) io.stderr.write(formatStatus(status));
    if (flags.v) io.stderr.write(summary(sent, received, status, performance.now() - startedAt));
    return exitCodeFor(status);
  } finally {
    session.close();
  }
}
