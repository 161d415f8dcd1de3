import { parseEndpoint } from '../../../shared/model/address';
import { connectTimeoutOf, type TargetSettings } from '../../../shared/model/target';
import {
  chooseProxy,
  isNoProxy,
  ProxyForwarder,
  proxyFromProcessEnv,
  type Destination,
  type SystemProxyResolver,
} from '../net';
import type { TlsFiles } from './tls-files';

/** Where the pool learns the proxies that are not in a target's settings. */
export interface ProxyEnvironment {
  /** HTTPS_PROXY, NO_PROXY, grpc_proxy…; process.env when absent. */
  env?: NodeJS.ProcessEnv;
  /** The system proxy and PAC (the desktop app's Electron session); none elsewhere. */
  system?: SystemProxyResolver;
}

/**
 * What a call or diagnosis needs of the proxy its connection goes through: the loopback address
 * to dial in place of the target, what to call it, and why its latest tunnel failed.
 */
export interface ProxyVia {
  address: string;
  /** e.g. `http://proxy:3128 (from the settings)`: never with credentials. */
  label: string;
  failure(): { message: string; hint: string } | undefined;
}

export function viaOf(forwarder: ProxyForwarder): ProxyVia {
  return { address: forwarder.address, label: forwarder.label, failure: () => forwarder.lastFailure };
}

/** The host and port the target's address names; undefined for a unix socket or a list. */
function destinationOf(target: TargetSettings): Destination | undefined {
  const endpoint = parseEndpoint(target.address);
  return endpoint && 'host' in endpoint ? endpoint : undefined;
}

/**
 * Is the connection direct without asking anything asynchronous? Then a channel may be made on the
 * caller's synchronous path; otherwise prepare() must choose the proxy first.
 */
export function knownDirect(target: TargetSettings, environment: ProxyEnvironment): boolean {
  const destination = destinationOf(target);
  if (!destination || isNoProxy(target.proxy)) return true;
  if (target.proxy) return false;
  const fromEnv = proxyFromProcessEnv({ ...destination, tls: target.tls.enabled }, environment.env ?? process.env);
  return fromEnv === null || (fromEnv === undefined && !environment.system);
}

/**
 * Starts the loopback forwarder that carries the target's connections through its proxy, or
 * returns undefined for a direct connection. The target's CA bundle is also trusted for an
 * https:// proxy, besides the system's roots (a company CA usually signs both).
 */
export async function startProxyFor(
  target: TargetSettings,
  environment: ProxyEnvironment,
  files: TlsFiles,
): Promise<ProxyForwarder | undefined> {
  const destination = destinationOf(target);
  if (!destination) return undefined;
  const route = await chooseProxy(
    { ...destination, tls: target.tls.enabled },
    { target: target.proxy, env: environment.env, system: environment.system },
  );
  if (!route) return undefined;
  return ProxyForwarder.start(route, destination, { timeoutMs: connectTimeoutOf(target), proxyCa: files.ca });
}

/** host:port of the target as its server must see it (:authority, Host), wherever the socket goes. */
export function authorityOf(target: TargetSettings): string | undefined {
  const destination = destinationOf(target);
  if (!destination) return undefined;
  return `${destination.host.includes(':') ? `[${destination.host}]` : destination.host}:${destination.port}`;
}
