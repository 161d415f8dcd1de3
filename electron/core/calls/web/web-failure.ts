import { create, toBinary, type Registry } from '@bufbuild/protobuf';
import { type ConnectError, Code } from '@connectrpc/connect';
import type { StatusDetail } from '../../../../shared/model/call';
import {
  formatDuration,
  httpVersionOf,
  PROTOCOL_LABELS,
  type Protocol,
  type TargetSettings,
} from '../../../../shared/model/target';
import { describeConnectionError, diagnoseConnection, type Diagnosis } from '../diagnose';
import type { ProxyVia } from '../proxy-route';
import { StatusSchema } from '../rpc/status_pb.generated';
import { decodeStatusDetails } from '../status';
import type { Exchange } from './exchange';

/**
 * google.rpc details of a ConnectError (from a Connect error body or gRPC-Web's
 * grpc-status-details-bin), decoded exactly as gRPC's are: rebuilt into the google.rpc.Status they
 * came in and read by decodeStatusDetails.
 */
export function connectErrorDetails(error: ConnectError, registry: Registry): StatusDetail[] {
  const incoming = error.details.filter((d): d is { type: string; value: Uint8Array } => 'type' in d);
  if (incoming.length === 0) return [];
  const status = create(StatusSchema, {
    code: error.code,
    message: error.rawMessage,
    details: incoming.map((d) => ({ typeUrl: `type.googleapis.com/${d.type}`, value: d.value })),
  });
  return decodeStatusDetails(toBinary(StatusSchema, status), registry)?.details ?? [];
}

export interface WebFailureFacts {
  target: TargetSettings;
  exchange: Exchange;
  cancelledByUser: boolean;
  deadlineMs?: number;
  elapsedMs: number;
  /** Did the server answer with headers or messages before the failure? */
  responded: boolean;
  /** Was the HTTP/2 connection still being set up? */
  connecting: boolean;
  /** The proxy the connection went through: its failure is the answer; a diagnosis dials through it. */
  via?: ProxyVia;
}

/** The HTML page's title, or its first words, to quote. */
function htmlTitle(body: string): string | undefined {
  const title = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(body)?.[1];
  const text = (title ?? body.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, 120) : undefined;
}

function foreignAnswer(protocol: Exclude<Protocol, 'grpc'>, exchange: Exchange): Diagnosis {
  const label = PROTOCOL_LABELS[protocol];
  const status = exchange.status ?? 0;
  const contentType = exchange.contentType?.split(';')[0]?.trim();
  const body = exchange.foreignBody ?? '';
  const html = /html/i.test(contentType ?? '') || /^\s*<(!doctype html|html)/i.test(body);
  if (html) {
    const title = htmlTitle(body);
    return {
      message: `The server answered HTTP ${status} with an HTML page${title ? ` ("${title}")` : ''}, not ${label}.`,
      hint:
        status >= 400
          ? `A proxy or web server answered instead of the service: check the address and that the proxy routes ${label} to it${protocol.startsWith('grpc-web') ? ' (Envoy needs its grpc_web filter)' : ''}.`
          : `This is a web server, not a ${label} endpoint: check the address and port.`,
    };
  }
  if (contentType && /^application\/grpc(\+|;|$)/i.test(contentType)) {
    return {
      message: `The server speaks gRPC, not ${label} (it answered HTTP ${status} with ${contentType}).`,
      hint: 'Set the protocol to gRPC (CLI: --protocol grpc), or call the gRPC-Web / Connect endpoint in front of it.',
    };
  }
  return {
    message: `The server answered HTTP ${status}${contentType ? ` with content type ${contentType}` : ' without a content type'}, not ${label}${body.trim() ? `: "${body.trim().replace(/\s+/g, ' ').slice(0, 120)}"` : ''}.`,
    hint: `It is an HTTP server but not a ${label} endpoint for this method: check the address, port and protocol.`,
  };
}

/** Node's error codes, down a ConnectError's chain of causes. */
function nodeError(error: unknown): NodeJS.ErrnoException | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return e;
  }
  return undefined;
}

/** The code a socket that took too long to connect is destroyed with (web-connection.ts). */
export const CONNECT_TIMEOUT_CODE = 'LOUPE_CONNECT_TIMEOUT';

/** Did the connection not come up within the target's connect timeout? */
export function isConnectTimeout(error: unknown): boolean {
  return nodeError(error)?.code === CONNECT_TIMEOUT_CODE;
}

/**
 * A plain-language explanation of a web-protocol call's failure, or undefined when the status is
 * the server's own answer (a Connect error body or a gRPC-Web status are answers, like gRPC's).
 */
export async function explainWebFailure(error: ConnectError, facts: WebFailureFacts): Promise<Diagnosis | undefined> {
  const { target, exchange } = facts;
  const protocol = target.protocol as Exclude<Protocol, 'grpc'>;
  const label = PROTOCOL_LABELS[protocol];
  if (facts.cancelledByUser) return undefined;
  if (
    error.code === Code.DeadlineExceeded &&
    facts.deadlineMs !== undefined &&
    facts.elapsedMs >= facts.deadlineMs - 5
  ) {
    const deadline = formatDuration(facts.deadlineMs);
    return facts.connecting
      ? {
          message: `The deadline of ${deadline} was exceeded before a connection to ${target.address} was established.`,
          hint: 'Check the address and port, or raise the deadline (CLI: --max-time).',
        }
      : {
          message: `The deadline of ${deadline} was exceeded; the call was abandoned.`,
          hint: 'Raise the deadline (CLI: --max-time), or check why the server is slow.',
        };
  }
  if (exchange.status !== undefined && exchange.foreignBody !== undefined) return foreignAnswer(protocol, exchange);
  // The library's words: "message size 5000 is larger than configured readMaxBytes 1000", or
  // "message is larger than configured readMaxBytes 1000 after decompression".
  const limit = /message (?:size (\d+) )?is larger than configured (readMaxBytes|writeMaxBytes) (\d+)/.exec(
    error.message,
  );
  if (limit) {
    const size = limit[1] ? ` (${limit[1]} bytes)` : '';
    return limit[2] === 'readMaxBytes'
      ? {
          message: `A response message${size} is larger than the receive limit of ${limit[3]} bytes.`,
          hint: 'Raise the maximum receive message size in the connection settings.',
        }
      : {
          message: `A request message${size} is larger than the send limit of ${limit[3]} bytes.`,
          hint: 'Raise the maximum send message size in the connection settings.',
        };
  }
  if (exchange.status !== undefined) return undefined;
  return facts.via?.failure() ?? explainConnectionFailure(error, target, label, facts.via);
}

/** No answer came back: say why the connection failed, as a gRPC call's would. */
async function explainConnectionFailure(
  error: ConnectError,
  target: TargetSettings,
  label: string,
  via?: ProxyVia,
): Promise<Diagnosis | undefined> {
  const http1 = httpVersionOf(target) === '1.1';
  const node = nodeError(error);
  if (node?.code === CONNECT_TIMEOUT_CODE) {
    return {
      message: node.message,
      hint: 'The server accepted no connection in time: check the address and port, or raise the connect timeout (CLI: --connect-timeout).',
    };
  }
  if (node?.code?.startsWith('HPE_')) {
    return {
      message: `${target.address} did not answer in HTTP/1.1 (${node.message}): it looks like an HTTP/2-only server, such as a gRPC server.`,
      hint: 'Use HTTP/2 (CLI: drop --http1), or the gRPC protocol.',
    };
  }
  if (http1) {
    if (node) return describeConnectionError(node, target);
    return { message: `Could not complete the ${label} call: ${error.rawMessage}` };
  }
  // HTTP/2 is what gRPC uses: the gRPC diagnosis applies, worded for this protocol.
  const found = await diagnoseConnection(target, undefined, undefined, via);
  if (found && /HTTP\/1\.x server/.test(found.message)) {
    return {
      message: `${target.address} speaks HTTP/1.1 only, and the call was made over HTTP/2.`,
      hint: `Use HTTP/1.1 for ${label} (CLI: --http1).`,
    };
  }
  if (found && /ALPN h2/.test(found.message)) {
    return {
      message: `${target.address} accepts TLS but does not offer HTTP/2 (ALPN h2).`,
      hint: `Use HTTP/1.1 for ${label} (CLI: --http1).`,
    };
  }
  if (found) return found;
  if (node) return describeConnectionError(node, target);
  return { message: `Could not complete the ${label} call: ${error.rawMessage}` };
}
