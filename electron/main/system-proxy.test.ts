import type { Session } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRunner, ChannelPool } from '../core/calls';
import { startDemoServer, type DemoServer } from '../core/demo';
import { startConnectProxy, type TestProxy } from '../core/net/test-support/proxies';
import { record, target } from '../core/test-support/call-helpers';
import { systemProxyResolver } from './system-proxy';

/* The system proxy as Electron resolves it, against a stand-in session whose resolveProxy has
 * Electron's own signature (the Pick below fails to compile if it changes): the engine asks with the
 * target's URL, and a PAC answer sends the call through the proxy it names. */

let demo: DemoServer;
let proxy: TestProxy;
beforeAll(async () => {
  demo = await startDemoServer();
  proxy = await startConnectProxy();
});
afterAll(async () => {
  await demo.stop();
  await proxy.close();
});

function standIn(answer: string): Pick<Session, 'resolveProxy'> & { asked: string[] } {
  const asked: string[] = [];
  return { asked, resolveProxy: (url: string) => (asked.push(url), Promise.resolve(answer)) };
}

describe('systemProxyResolver', () => {
  it("a PAC answer naming a proxy carries the call, and the timeline says it is the system's", async () => {
    const session = standIn(`PROXY 127.0.0.1:${proxy.port}; DIRECT`);
    const pool = new ChannelPool({ env: {}, system: systemProxyResolver(session) });
    const engine = new CallRunner(pool);
    try {
      const t = target({ address: `localhost:${demo.port}`, tls: { enabled: false } });
      await pool.prepare(t);
      const r = record(engine, { target: t, method: 'Echo', messages: ['{}'] });
      expect((await r.done).code).toBe(0);
      expect(session.asked).toEqual([`http://localhost:${demo.port}`]);
      expect(proxy.targets).toContain(`localhost:${demo.port}`);
      expect(r.ofType('started')[0]!.exchange?.proxy).toBe(`http://127.0.0.1:${proxy.port} (from the system)`);
    } finally {
      engine.dispose();
      pool.dispose();
    }
  });

  it('a DIRECT answer connects directly', async () => {
    const session = standIn('DIRECT');
    const pool = new ChannelPool({ env: {}, system: systemProxyResolver(session) });
    const engine = new CallRunner(pool);
    try {
      const before = proxy.tunnels;
      const t = target({ address: `localhost:${demo.port}`, tls: { enabled: false } });
      await pool.prepare(t);
      const r = record(engine, { target: t, method: 'Echo', messages: ['{}'] });
      expect((await r.done).code).toBe(0);
      expect(proxy.tunnels).toBe(before);
      expect(r.ofType('started')[0]!.exchange?.proxy).toBeUndefined();
    } finally {
      engine.dispose();
      pool.dispose();
    }
  });
});
