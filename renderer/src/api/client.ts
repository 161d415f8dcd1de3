import type { LoupeContract } from '../../../shared/contract';
import { RpcClient } from '../../../shared/protocol/client';
import type { Host } from '../host';

let client: RpcClient<LoupeContract> | undefined;

export function initApi(host: Host): RpcClient<LoupeContract> {
  // A stream may run this many events ahead of what the window applied: at 16k (about 2 MB of
  // events) a fast stream is not held back by the round trip of credit while a frame renders.
  client = new RpcClient<LoupeContract>(host.port, { initialCredit: 16_384 });
  return client;
}

/** The typed engine client. Only callable after start-up connected a host. */
export function api(): RpcClient<LoupeContract> {
  if (!client) throw new Error('The engine is not connected yet');
  return client;
}
