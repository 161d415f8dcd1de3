import { sameBytes } from '../calls/bytes-method';
import * as grpc from '@grpc/grpc-js';
import { fromBinary, toJson, type DescMethod, type Registry } from '@bufbuild/protobuf';
import { decodeStatusDetails, STATUS_DETAILS_KEY } from '../calls/status';
import type { HandlerFor } from './mock-server';
import type { RuleFileWriter } from './record-file';
import type { Rule } from './rule-format';
import type { MockCallEntry } from './call-log';

/** What the call log names as a recorded call's rule. */
export const RECORDED = 'recorded from the upstream';

/** More messages than this on one recorded stream are forwarded but not written into the rule. */
export const MAX_RECORDED_MESSAGES = 10_000;

/** Metadata a proxy must not copy: HTTP/2 and gRPC's own headers, which grpc-js sets itself. */
const NOT_FORWARDED = /^(:|grpc-|content-type$|te$|host$|user-agent$|accept-encoding$)/;

/**
 * Recording: every call is forwarded to the upstream server as bytes and answered with what it
 * answered, and what was seen is written as a rule (the request as `when`, the answer as body,
 * messages or status) for the mock to replay offline.
 */
export function recordingHandlers(upstream: grpc.Client, registry: Registry, writer: RuleFileWriter): HandlerFor {
  return (method, onCall) => {
    const path = `/${method.parent.typeName}/${method.name}`;
    // Bytes that are not the schema's type (a client or a server on another schema) are forwarded
    // all the same; only the rule is not written, since it could not say what was seen.
    const decoder = () => {
      const d = {
        undecodable: false,
        json: (desc: DescMethod['input'], b: Buffer): unknown => {
          try {
            return toJson(desc, fromBinary(desc, b), { registry });
          } catch {
            d.undecodable = true;
            return undefined;
          }
        },
      };
      return d;
    };
    const forwardMetadata = (m: grpc.Metadata) => {
      const out = new grpc.Metadata();
      for (const key of Object.keys(m.getMap())) {
        if (!NOT_FORWARDED.test(key)) for (const v of m.get(key)) out.add(key, v);
      }
      return out;
    };
    const entryFor = (requests: unknown[]): MockCallEntry => ({
      method: `${method.parent.typeName}/${method.name}`,
      requests: requests.slice(0, 20),
      rule: RECORDED,
      responses: 0,
      code: 0,
      message: '',
      startedAt: Date.now(),
      durationMs: 0,
    });
    /** Writes the rule and logs the call once the upstream's status is known. */
    const done = (
      d: { undecodable: boolean },
      entry: MockCallEntry,
      rule: Rule,
      status: grpc.StatusObject | undefined,
      answers: unknown[],
    ) => {
      entry.durationMs = Date.now() - entry.startedAt;
      entry.responses = answers.length;
      entry.answer = answers[0];
      if (status && status.code !== grpc.status.OK) {
        entry.code = status.code;
        entry.message = status.details;
        const bin = status.metadata?.get(STATUS_DETAILS_KEY)[0];
        const decoded = Buffer.isBuffer(bin) ? decodeStatusDetails(bin, registry) : undefined;
        rule.status = {
          code: grpc.status[status.code] ?? status.code,
          message: status.details,
          details: (decoded?.details ?? []).flatMap((x) => ('json' in x ? [{ type: x.type, json: x.json }] : [])),
        };
      }
      if (d.undecodable) entry.rule = `${RECORDED}, not written: a message is not of the schema's type`;
      onCall(entry);
      if (!d.undecodable) void writer.record(method, rule);
    };
    const whenOf = (request: unknown): Rule['when'] => {
      const fields = leafPaths(request);
      return Object.keys(fields).length ? { request: fields } : {};
    };
    const blank = (): Rule => ({ when: {}, intervalMs: 0 });

    switch (method.methodKind) {
      case 'unary':
        return (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
          const d = decoder();
          const request = d.json(method.input, call.request);
          const entry = entryFor([request]);
          upstream.makeUnaryRequest(
            path,
            sameBytes,
            sameBytes,
            call.request,
            forwardMetadata(call.metadata),
            (err, res) => {
              const rule = { ...blank(), when: whenOf(request) };
              if (err || !res) {
                callback(err);
                return done(d, entry, rule, err ?? undefined, []);
              }
              const answer = d.json(method.output, res);
              rule.body = answer;
              callback(null, res);
              done(d, entry, rule, undefined, [answer]);
            },
          );
        };
      case 'server_streaming':
        return (call: grpc.ServerWritableStream<Buffer, Buffer>) => {
          const d = decoder();
          const request = d.json(method.input, call.request);
          const entry = entryFor([request]);
          const up = upstream.makeServerStreamRequest(
            path,
            sameBytes,
            sameBytes,
            call.request,
            forwardMetadata(call.metadata),
          );
          pipeAnswers(up, call, method, d.json, (status, answers) =>
            done(d, entry, { ...blank(), when: whenOf(request), messages: answers }, status, answers),
          );
        };
      case 'client_streaming':
        return (call: grpc.ServerReadableStream<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
          const d = decoder();
          const requests: unknown[] = [];
          const up = upstream.makeClientStreamRequest(
            path,
            sameBytes,
            sameBytes,
            forwardMetadata(call.metadata),
            (err, res) => {
              const entry = entryFor(requests);
              const rule = { ...blank(), when: whenOf(requests[requests.length - 1]) };
              if (err || !res) {
                callback(err);
                return done(d, entry, rule, err ?? undefined, []);
              }
              const answer = d.json(method.output, res);
              rule.body = answer;
              callback(null, res);
              done(d, entry, rule, undefined, [answer]);
            },
          );
          call.on('data', (b: Buffer) => {
            requests.push(d.json(method.input, b));
            up.write(b);
          });
          call.on('end', () => up.end());
          call.on('cancelled', () => up.cancel());
        };
      case 'bidi_streaming':
        return (call: grpc.ServerDuplexStream<Buffer, Buffer>) => {
          const d = decoder();
          const requests: unknown[] = [];
          const up = upstream.makeBidiStreamRequest(path, sameBytes, sameBytes, forwardMetadata(call.metadata));
          call.on('data', (b: Buffer) => {
            requests.push(d.json(method.input, b));
            up.write(b);
          });
          call.on('end', () => up.end());
          // Replayed as messages sent when the call opens: a bidi exchange's timing is not recorded.
          pipeAnswers(up, call, method, d.json, (status, answers) =>
            done(d, entryFor(requests), { ...blank(), messages: answers }, status, answers),
          );
        };
    }
  };
}

/** Forwards an upstream stream's messages and status to the caller; reports what it saw. */
function pipeAnswers(
  up: grpc.ClientReadableStream<Buffer> | grpc.ClientDuplexStream<Buffer, Buffer>,
  call: grpc.ServerWritableStream<Buffer, Buffer> | grpc.ServerDuplexStream<Buffer, Buffer>,
  method: DescMethod,
  json: (desc: DescMethod['output'], b: Buffer) => unknown,
  finished: (status: grpc.StatusObject | undefined, answers: unknown[]) => void,
): void {
  const answers: unknown[] = [];
  let failed: grpc.StatusObject | undefined;
  up.on('data', (b: Buffer) => {
    if (answers.length < MAX_RECORDED_MESSAGES) answers.push(json(method.output, b));
    if (!call.write(b)) {
      up.pause();
      call.once('drain', () => up.resume());
    }
  });
  up.on('error', (err: grpc.ServiceError) => {
    failed = err;
  });
  up.on('status', (status: grpc.StatusObject) => {
    if (status.code === grpc.status.OK) call.end();
    else call.emit('error', { code: status.code, details: status.details, metadata: status.metadata });
    finished(failed ?? (status.code === grpc.status.OK ? undefined : status), answers);
  });
  call.on('cancelled', () => up.cancel());
}

/**
 * A request as conditions on its leaves (`fail.code`, `tags.0`): rules see requests with their
 * defaults filled in, so a nested object recorded whole would never equal what they see.
 */
export function leafPaths(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leafPaths(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out[prefix] = value;
  return out;
}
