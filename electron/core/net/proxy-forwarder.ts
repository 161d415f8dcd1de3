import * as net from 'node:net';
import { ProxyError } from './proxy-error';
import { proxyLabel } from './proxy-url';
import type { ProxyRoute } from './proxy-choice';
import { hostPort, openTunnel, type Destination, type TunnelOptions } from './tunnel';

/**
 * A loopback listener that carries each connection made to it through a proxy to one destination.
 * grpc-js and node's HTTP/2 client dial it as if it were the server (keeping the real authority
 * and TLS name through their options), so every protocol, TLS or plaintext, goes through any kind
 * of proxy without either client knowing: see ARCHITECTURE.md, "Proxies".
 */
export class ProxyForwarder {
  /** Why the latest tunnel failed; cleared by the next one that opens. Explains a failed call. */
  lastFailure?: ProxyError;
  /** Tunnels opened so far. */
  tunnels = 0;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly route: ProxyRoute,
    readonly destination: Destination,
    readonly port: number,
  ) {}

  /** `http://proxy.example:3128 (from HTTPS_PROXY)`: for the timeline, never with credentials. */
  get label(): string {
    return `${proxyLabel(this.route.server)} (from ${this.route.origin})`;
  }

  /** The address clients dial instead of the destination. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  static start(route: ProxyRoute, destination: Destination, options: TunnelOptions): Promise<ProxyForwarder> {
    const server = net.createServer({ pauseOnConnect: true });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        const forwarder = new ProxyForwarder(server, route, destination, (server.address() as net.AddressInfo).port);
        server.on('connection', (client: net.Socket) => forwarder.carry(client, options));
        resolve(forwarder);
      });
    });
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private carry(client: net.Socket, options: TunnelOptions): void {
    this.track(client);
    client.on('error', () => client.destroy());
    openTunnel(this.route.server, this.destination, options).then(
      (tunnel) => {
        this.tunnels++;
        this.lastFailure = undefined;
        if (client.destroyed) return void tunnel.destroy();
        this.track(tunnel);
        tunnel.on('error', () => client.destroy());
        tunnel.once('close', () => client.destroy());
        client.once('close', () => tunnel.destroy());
        client.pipe(tunnel).pipe(client);
        client.resume();
      },
      (err: unknown) => {
        this.lastFailure =
          err instanceof ProxyError
            ? err
            : new ProxyError('protocol', `Tunnel to ${hostPort(this.destination)} failed: ${String(err)}`, '');
        client.destroy();
      },
    );
  }

  close(): void {
    this.server.close();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}
