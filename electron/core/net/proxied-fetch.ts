import { chooseProxy, type ProxyInputs } from './proxy-choice';
import { proxiedRequest } from './proxied-agent';

/**
 * `fetch` through the proxy Loupe would use for the URL (the same settings, variables, NO_PROXY
 * and system resolution as calls), for token endpoints and issuers. Direct connections use the
 * global fetch untouched; proxied ones go through proxiedRequest and come back as a Response.
 */
export function proxiedFetch(inputs: ProxyInputs): (url: string, init?: RequestInit) => Promise<Response> {
  return async (url, init = {}) => {
    const u = new URL(url);
    const secure = u.protocol === 'https:';
    const route = await chooseProxy(
      { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port) || (secure ? 443 : 80), tls: secure },
      inputs,
    );
    if (!route) return fetch(url, init);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    const body = init.body;
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof URLSearchParams))
      throw new TypeError('a proxied token request has a text or form body');
    if (body instanceof URLSearchParams) headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    const answer = await proxiedRequest(
      url,
      { method: init.method ?? 'GET', headers, ...(body !== undefined && body !== null ? { body: String(body) } : {}) },
      inputs,
    );
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers))
      for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
        responseHeaders.append(name, v);
    // A Response may not carry a body with these statuses.
    const empty = answer.status === 204 || answer.status === 304;
    return new Response(empty ? null : answer.body, { status: answer.status, headers: responseHeaders });
  };
}
