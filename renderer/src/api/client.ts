import type { LoupeContract } from '../../../shared/contract';
import { RpcClient } from '../../../shared/protocol/client';
import type { Host } from '../host';

let client: RpcClient<LoupeContract> | undefined;

export function initApi(host: Host): RpcClient<LoupeContract> {
  client = new RpcClient<LoupeContract>(host.port);
  return client;
}

/** The typed engine client. Only callable after start-up connected a host. */
export function api(): RpcClient<LoupeContract> {
  if (!client) throw new Error('The engine is not connected yet');
  return client;
}
