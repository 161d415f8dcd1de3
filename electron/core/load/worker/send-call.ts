import type * as grpc from '@grpc/grpc-js';
import type { CallKind } from '../../../../shared/model/schema';
import { sameBytes } from '../../calls/bytes-method';

/** How one call of a load test ended. */
export interface CallOutcome {
  code: number;
  details: string;
  sent: number;
  received: number;
}

export interface CallSpec {
  client: grpc.Client;
  path: string;
  kind: CallKind;
  messages: Buffer[];
  metadata: grpc.Metadata;
  deadlineMs: number;
  /** Pause between a stream's messages, ms. */
  intervalMs: number;
  /** Registers a way to cancel the call while it runs (a stop); returns how to forget it. */
  onCancel(cancel: () => void): () => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One call of any kind on raw bytes: requests were encoded beforehand and responses are counted,
 * not decoded, so the generator spends its time on the wire rather than on JSON.
 */
export function sendCall(spec: CallSpec): Promise<CallOutcome> {
  const { client, path, kind, messages, metadata, deadlineMs } = spec;
  const options: grpc.CallOptions = { deadline: Date.now() + deadlineMs };
  return new Promise((resolve) => {
    let received = 0;
    let sent = 0;
    let forget = () => {};
    const finish = (status: { code: number; details: string }) => {
      forget();
      resolve({ code: status.code, details: status.details, sent, received });
    };
    if (kind === 'unary') {
      sent = 1;
      const call = client.makeUnaryRequest(path, sameBytes, sameBytes, messages[0]!, metadata, options, () => {});
      call.on('status', finish);
      forget = spec.onCancel(() => call.cancel());
      return;
    }
    if (kind === 'server_streaming') {
      sent = 1;
      const call = client.makeServerStreamRequest(path, sameBytes, sameBytes, messages[0]!, metadata, options);
      call.on('data', () => received++);
      call.on('error', () => {}); // the status says it
      call.on('status', finish);
      forget = spec.onCancel(() => call.cancel());
      return;
    }
    const call =
      kind === 'client_streaming'
        ? client.makeClientStreamRequest(path, sameBytes, sameBytes, metadata, options, (_err, response) => {
            if (response) received++;
          })
        : client.makeBidiStreamRequest(path, sameBytes, sameBytes, metadata, options);
    if (kind === 'bidi_streaming') (call as grpc.ClientDuplexStream<Buffer, Buffer>).on('data', () => received++);
    call.on('error', () => {});
    let ended = false;
    call.on('status', (status: grpc.StatusObject) => {
      ended = true;
      // A client stream's response callback runs before its status: counted by then.
      finish(status);
    });
    forget = spec.onCancel(() => call.cancel());
    void (async () => {
      for (const [i, message] of messages.entries()) {
        if (ended) return;
        if (i > 0 && spec.intervalMs > 0) await sleep(spec.intervalMs);
        if (ended) return;
        sent++;
        if (!call.write(message)) await new Promise((r) => call.once('drain', r));
      }
      if (!ended) call.end();
    })();
  });
}
