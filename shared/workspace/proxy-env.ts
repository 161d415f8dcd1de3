import { AppError } from '../model/errors';
import type { TargetSettings } from '../model/target';
import { shellQuote } from './shell';

/**
 * A request's proxy as the environment variables another tool reads (grpcurl and buf curl take no
 * proxy flag), so a copied command goes where Loupe's call went: `HTTPS_PROXY='…' ` before the
 * command, `NO_PROXY='*' ` for "none", '' when the target names no proxy (the tool then reads the
 * shell's own variables, as Loupe does). The password stays the {{variable}} it was written as.
 *
 * grpcurl (grpc-go) looks up HTTPS_PROXY for every target and speaks only HTTP CONNECT in
 * plaintext to the proxy; buf curl (Go's HTTP client) looks up HTTPS_PROXY or HTTP_PROXY by the
 * target's scheme and also speaks to https:// and socks5:// proxies.
 */
/**
 * Removes `NAME=value` words from the front of a pasted command, as a shell would apply them, and
 * returns the proxy they set: the URL of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY (any case), false
 * for NO_PROXY='*', undefined for none of them.
 */
export function takeProxyAssignments(words: string[]): string | false | undefined {
  let proxy: string | false | undefined;
  while (words[0] && /^[A-Za-z_]\w*=/.test(words[0])) {
    const word = words.shift()!;
    const name = word.slice(0, word.indexOf('=')).toLowerCase();
    const value = word.slice(word.indexOf('=') + 1);
    if (name === 'no_proxy' && value.trim() === '*') proxy = false;
    else if (['https_proxy', 'http_proxy', 'all_proxy', 'grpc_proxy'].includes(name) && value) proxy = value;
  }
  return proxy;
}

export function proxyEnvPrefix(target: TargetSettings, tool: 'grpcurl' | 'buf curl'): string {
  const proxy = target.proxy?.trim();
  if (!proxy) return '';
  if (proxy.toLowerCase() === 'none') return `NO_PROXY='*' `;
  const scheme = /^([a-z0-9+.-]+):\/\//i.exec(proxy)?.[1]?.toLowerCase() ?? 'http';
  if (tool === 'grpcurl' && scheme !== 'http') {
    throw new AppError(
      'UNSUPPORTED',
      `grpcurl reaches servers only through http:// proxies, and this request uses a ${scheme}:// proxy: copy it as loupe call instead.`,
    );
  }
  const variable = tool === 'grpcurl' || target.tls.enabled ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  return `${variable}=${shellQuote(proxy)} `;
}
