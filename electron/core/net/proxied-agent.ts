import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { chooseProxy, type ProxyInputs } from './proxy-choice';
import { openTunnel } from './tunnel';

/**
 * An agent for plain HTTP(S) requests (a token endpoint, a JWKS URL) that goes through the proxy
 * Loupe would use for `url`: the same settings, environment variables, NO_PROXY and system
 * resolution as calls. Returns undefined when the connection is direct, so the caller keeps its
 * default agent:
 *
 *   const agent = await proxiedAgent('https://issuer.example/token', { target: settings.proxy });
 *   https.request(url, { agent }, ...);
 *
 * Failures to reach or pass the proxy surface as the request's error, a ProxyError whose message
 * says which step failed (unreachable, 407, could not reach the host) and whose hint what to do.
 */
export async function proxiedAgent(
  url: string,
  inputs: ProxyInputs & { timeoutMs?: number; proxyCa?: string | Buffer } = {},
): Promise<http.Agent | undefined> {
  const u = new URL(url);
  const secure = u.protocol === 'https:';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = Number(u.port) || (secure ? 443 : 80);
  const route = await chooseProxy({ host, port, tls: secure }, inputs);
  if (!route) return undefined;
  const tunnelOptions = { timeoutMs: inputs.timeoutMs ?? 10_000, proxyCa: inputs.proxyCa };
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  // node's Agent takes a socket from createConnection's callback when it is not returned at once.
  (agent as unknown as { createConnection: unknown }).createConnection = (
    options: tls.ConnectionOptions & { host: string; port: number },
    callback: (err: Error | null, socket?: net.Socket) => void,
  ) => {
    openTunnel(route.server, { host: options.host, port: Number(options.port) }, tunnelOptions).then((tunnel) => {
      // An HTTP server speaks only after the request, so nothing is lost before http reads it.
      tunnel.resume();
      if (!secure) return callback(null, tunnel);
      // SNI carries names only: an IP address is checked against the certificate without it.
      const servername = options.servername || (net.isIP(options.host) ? undefined : options.host);
      const secured = tls.connect({ ...options, socket: tunnel, ...(servername ? { servername } : {}) });
      callback(null, secured);
    }, callback);
    return undefined;
  };
  return agent;
}

/**
 * fetch-like GET/POST through the user's proxy, for code that wants a response body as text:
 * `await proxiedRequest('https://idp/token', { method: 'POST', body, headers }, { target })`.
 */
export async function proxiedRequest(
  url: string,
  request: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    maxBytes?: number;
    /** PEM roots for an https:// server with a private CA, instead of the system's. */
    ca?: string | Buffer;
  },
  inputs: Parameters<typeof proxiedAgent>[1] = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const agent = await proxiedAgent(url, inputs);
  const client = url.startsWith('https:') ? https : http;
  const maxBytes = request.maxBytes ?? 4 * 1024 * 1024;
  try {
    return await new Promise((resolve, reject) => {
      const options = { method: request.method ?? 'GET', headers: request.headers, agent, ca: request.ca };
      const req = client.request(url, options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (b: Buffer) => {
          size += b.length;
          if (size > maxBytes) return req.destroy(new Error(`${url} answered more than ${maxBytes} bytes`));
          chunks.push(b);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(request.body);
    });
  } finally {
    agent?.destroy();
  }
}
