import * as grpc from '@grpc/grpc-js';
import { formatDuration, type TargetSettings } from '../../../shared/model/target';
import { isConnectTimeout } from './connect-timeout';
import { diagnoseConnection, type Diagnosis } from './diagnose';
import type { ProxyVia } from './proxy-route';
import type { TlsFiles } from './tls-files';

export interface CallFacts {
  target: TargetSettings;
  /** Did the server answer with headers or messages before the status? */
  responded: boolean;
  /** Was the channel still connecting when the call ended? */
  connecting: boolean;
  cancelledByUser: boolean;
  deadlineMs?: number;
  elapsedMs: number;
  maxReceiveBytes: number;
  /** The TLS files the call's channel was made with, so a diagnosis does not read them again. */
  tlsFiles?: TlsFiles;
  /** The proxy the call's channel went through, to diagnose through it and report its failure. */
  via?: ProxyVia;
}

/**
 * A plain-language explanation of a client-side failure, or undefined when the status is simply
 * the server's answer. grpc-js only gives free text, so connection failures are re-diagnosed with
 * node:net/tls (see diagnose.ts) rather than parsed.
 */
export async function explainFailure(status: grpc.StatusObject, facts: CallFacts): Promise<Diagnosis | undefined> {
  const { code } = status;
  if (code === grpc.status.CANCELLED && facts.cancelledByUser) return undefined;

  if (isConnectTimeout(status)) {
    const proxyFailure = facts.via?.failure();
    if (proxyFailure) return proxyFailure;
    return {
      message: status.details,
      hint: 'The server accepted no gRPC connection in time: check the address and port, or raise the connect timeout (CLI: --connect-timeout).',
    };
  }

  if (
    code === grpc.status.DEADLINE_EXCEEDED &&
    facts.deadlineMs !== undefined &&
    facts.elapsedMs >= facts.deadlineMs - 5
  ) {
    const deadline = formatDuration(facts.deadlineMs);
    return facts.connecting
      ? {
          message: `The deadline of ${deadline} was exceeded before a connection to ${facts.target.address} was established.`,
          hint: 'Check the address and port, or raise the deadline (CLI: --max-time).',
        }
      : {
          message: `The deadline of ${deadline} was exceeded; the call was abandoned.`,
          hint: 'Raise the deadline (CLI: --max-time), or check why the server is slow.',
        };
  }

  if (code === grpc.status.RESOURCE_EXHAUSTED) {
    // The only local RESOURCE_EXHAUSTED statuses grpc-js produces are the message size limits.
    const m = /(Received|Sent) message larger than max \((\d+) vs\.? (\d+)\)/.exec(status.details);
    if (m) {
      return m[1] === 'Received'
        ? {
            message: `A response message (${m[2]} bytes) is larger than the receive limit of ${m[3]} bytes.`,
            hint: 'Raise the maximum receive message size in the connection settings.',
          }
        : {
            message: `A request message (${m[2]} bytes) is larger than the send limit of ${m[3]} bytes.`,
            hint: 'Raise the maximum send message size in the connection settings.',
          };
    }
    return undefined;
  }

  // CANCELLED that the user did not ask for: the server reset the stream or went away.
  const connectionish =
    code === grpc.status.UNAVAILABLE ||
    code === grpc.status.CANCELLED ||
    ((code === grpc.status.INTERNAL || code === grpc.status.UNKNOWN) && !facts.responded);
  if (!connectionish) return undefined;

  const found = await diagnoseConnection(facts.target, undefined, facts.tlsFiles, facts.via);
  if (found) {
    return facts.responded
      ? { message: `The connection was lost during the call. ${found.message}`, hint: found.hint }
      : found;
  }
  if (facts.responded) {
    // The server is reachable and answered: this status is its own answer (or a dropped stream).
    if (code === grpc.status.CANCELLED) return { message: 'The server cancelled the call.' };
    return /RST_STREAM|Connection dropped|GOAWAY|socket|ECONNRESET/i.test(status.details)
      ? { message: `The server ended the stream abruptly (${status.details}).` }
      : undefined;
  }
  return { message: `Could not complete the call: ${status.details}` };
}
