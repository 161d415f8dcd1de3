// Everything Loupe dials for the user goes through here when a proxy applies: calls (via
// ProxyForwarder, which the channel pool starts) and plain HTTP(S) requests (proxiedAgent).
export {
  chooseProxy,
  isNoProxy,
  parsePacAnswer,
  proxyFromProcessEnv,
  type ProxyInputs,
  type ProxyRoute,
  type ProxySource,
  type SystemProxyResolver,
} from './proxy-choice';
export { ProxyError, type ProxyFailureKind } from './proxy-error';
export { ProxyForwarder } from './proxy-forwarder';
export { proxiedAgent, proxiedRequest } from './proxied-agent';
export { proxiedFetch } from './proxied-fetch';
export { parseProxyUrl, proxyLabel, redactProxyUrl, withoutLiteralPassword, type ProxyServer } from './proxy-url';
export { openTunnel, type Destination, type TunnelOptions } from './tunnel';
