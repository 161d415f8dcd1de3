import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo';
import { normalizeAddress, parseEndpoint } from '../../../shared/model/address';
import { ChannelPool, channelOptions, type ConnectivityState } from './channel-pool';
import { target, until } from '../test-support/call-helpers';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer();
});
afterAll(() => server.stop());

describe('channel pool', () => {
  it('reuses one client per connection settings, ignoring the schema source', () => {
    const pool = new ChannelPool();
    const a = pool.getClient(target({ address: server.address }));
    const b = pool.getClient(
      target({ address: server.address, schema: { reflection: false, protoFiles: ['x.proto'] } }),
    );
    const c = pool.getClient(target({ address: server.address, compression: 'gzip' }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(pool.size).toBe(2);
    pool.dispose();
    expect(() => pool.getClient(target({ address: server.address }))).toThrow(/disposed/);
  });

  it('reports connectivity changes', async () => {
    const pool = new ChannelPool();
    const t = target({ address: server.address });
    const seen: ConnectivityState[] = [];
    const stop = pool.watch(t, (s) => seen.push(s));
    expect(pool.state(t, true)).toMatch(/IDLE|CONNECTING/);
    await until(() => seen.includes('READY'));
    stop();
    pool.close(t);
    expect(pool.has(t)).toBe(false);
    pool.dispose();
  });

  it('maps settings to grpc-js channel options', () => {
    const o = channelOptions(
      target({
        address: 'x:1',
        authority: 'api.test',
        tls: { enabled: true },
        compression: 'gzip',
        userAgent: 'me/1',
        keepaliveTimeMs: 5000,
        maxReceiveMessageBytes: 10,
      }),
    );
    expect(o).toMatchObject({
      'grpc.default_authority': 'api.test',
      'grpc.ssl_target_name_override': 'api.test',
      'grpc.default_compression_algorithm': 2,
      'grpc.primary_user_agent': 'me/1',
      'grpc.keepalive_time_ms': 5000,
      'grpc.max_receive_message_length': 10,
    });
    expect(channelOptions(target({ address: 'x:1', authority: 'a' }))['grpc.ssl_target_name_override']).toBeUndefined();
  });

  it('understands address forms', () => {
    expect(normalizeAddress('https://api.test:443/')).toBe('api.test:443');
    expect(parseEndpoint('dns:///api.test:8080')).toEqual({ host: 'api.test', port: 8080 });
    expect(parseEndpoint('[::1]:50051')).toEqual({ host: '::1', port: 50051 });
    expect(parseEndpoint('unix:///tmp/s.sock')).toEqual({ path: '/tmp/s.sock' });
    expect(parseEndpoint('unix:/tmp/s.sock')).toEqual({ path: '/tmp/s.sock' });
    expect(parseEndpoint('localhost')).toEqual({ host: 'localhost', port: 443 });
  });

  it('gzip compression works end to end', async () => {
    const { CallRunner } = await import('./call-runner');
    const { record } = await import('../test-support/call-helpers');
    const pool = new ChannelPool();
    const engine = new CallRunner(pool);
    const r = record(engine, {
      target: target({ address: server.address, compression: 'gzip' }),
      method: 'Echo',
      messages: ['{"message":"zip"}'],
    });
    expect((await r.done).code).toBe(0);
    engine.dispose();
    pool.dispose();
  });
});
