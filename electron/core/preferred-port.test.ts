import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startOnPreferredPort } from './preferred-port';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

/** A real listener on loopback: `port` exactly, or 0 for any free one. */
function listen(port: number): Promise<number> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      servers.push(server);
      resolve((server.address() as { port: number }).port);
    });
  });
}

describe('startOnPreferredPort', () => {
  it('uses the preferred port when it is free', async () => {
    const free = await listen(0);
    await new Promise((done) => servers.pop()!.close(done));
    const { started, fallback } = await startOnPreferredPort(free, listen);
    expect(started).toBe(free);
    expect(fallback).toBeUndefined();
  });

  it('takes a free port when the preferred one is taken, and says why', async () => {
    const taken = await listen(0);
    const { started, fallback } = await startOnPreferredPort(taken, listen);
    expect(started).not.toBe(taken);
    expect(fallback).toMatch(new RegExp(`^port ${taken} could not be used \\(.*EADDRINUSE`));
  });
});
