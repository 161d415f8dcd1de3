import { AppError } from './errors';

/**
 * Addresses as people type them (grpcurl's forms): host:port, [v6]:port, dns:///host:port,
 * ipv4:/ipv6: lists, unix:path and unix:///path, or a pasted http(s)/grpc(s) URL. One reading
 * of them for the engine, the CLI and the connection diagnosis.
 */
export type Endpoint = { path: string } | { host: string; port: number };

const MAX_PORT = 65_535;

/** The address grpc-js dials: accepts grpcurl-style host:port, dns:///, unix: and unix:///. */
export function normalizeAddress(address: string): string {
  const a = address.trim();
  // People paste URLs; gRPC targets have no scheme other than the resolver's.
  const url = /^(https?|grpcs?):\/\/([^/]+)\/?$/.exec(a);
  if (url?.[2]) return url[2];
  return a;
}

/** host and the text after its port colon (absent when there is none); undefined when not host[:port]. */
function splitHostPort(a: string): { host: string; port?: string } | undefined {
  const v6 = /^\[([^\]]+)\](?::(.*))?$/.exec(a);
  if (v6?.[1]) return { host: v6[1], port: v6[2] };
  const m = /^([^:]+)(?::(.*))?$/.exec(a);
  return m?.[1] ? { host: m[1], port: m[2] } : undefined;
}

/** The host:port parts of an address; unix sockets and other resolvers' schemes have none. */
function hostPorts(address: string): string[] {
  const a = normalizeAddress(address);
  if (a.startsWith('unix:')) return [];
  if (/^ipv[46]:/.test(a)) return a.slice('ipvN:'.length).split(',');
  if (a.startsWith('dns:')) return [a.replace(/^dns:(\/\/[^/]*\/)?/, '')];
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(a)) return []; // another resolver (xds:///...): grpc-js judges it
  return [a];
}

/** What a port text is wrong with, or undefined when it is a port one can connect to. */
function portProblem(port: string): string | undefined {
  if (!/^\d+$/.test(port)) return `the port '${port}' is not a number`;
  const n = Number(port);
  if (n < 1 || n > MAX_PORT) return `the port ${port} is out of range (1-${MAX_PORT})`;
  return undefined;
}

/**
 * Refuses an address that can never be dialed (a port that is not a number, or out of range)
 * with a VALIDATION error naming it. Everything that connects goes through here first, so such
 * an address is the user's mistake, reported as such, and never reaches grpc-js.
 */
export function checkAddress(address: string): void {
  for (const part of hostPorts(address)) {
    const port = splitHostPort(part.trim())?.port;
    const problem = port === undefined ? undefined : portProblem(port);
    if (problem) {
      throw new AppError(
        'VALIDATION',
        `The address '${address}' cannot be dialed: ${problem}. Use host:port, e.g. localhost:50051.`,
        {
          details: { address },
        },
      );
    }
  }
}

/** The one endpoint an address names (TLS's default port 443 when it has none); undefined when it names no single endpoint. */
export function parseEndpoint(address: string): Endpoint | undefined {
  const a = normalizeAddress(address);
  if (a.startsWith('unix://')) return { path: a.slice('unix://'.length) };
  if (a.startsWith('unix:')) return { path: a.slice('unix:'.length) };
  const parts = hostPorts(a);
  if (parts.length !== 1) return undefined;
  const split = splitHostPort(parts[0]!);
  if (!split || (split.port !== undefined && portProblem(split.port))) return undefined;
  return { host: split.host, port: Number(split.port ?? 443) };
}
