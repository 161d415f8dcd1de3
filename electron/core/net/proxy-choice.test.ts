import { describe, expect, it } from 'vitest';
import { chooseProxy, parsePacAnswer, proxyFromProcessEnv } from './proxy-choice';
import { parseProxyUrl, proxyLabel, withoutLiteralPassword } from './proxy-url';

/* Which proxy a connection takes: the target's setting, the environment's, the process
 * variables (NO_PROXY included), the system's PAC answer; and how proxy URLs are read. */

const api = { host: 'api.internal', port: 443, tls: true };

describe('chooseProxy', () => {
  it('target > environment > process environment > system', async () => {
    const system = () => Promise.resolve('PROXY sys:8080');
    const env = { HTTPS_PROXY: 'http://envproxy:3128' };
    const pick = async (inputs: Parameters<typeof chooseProxy>[1]) => {
      const route = await chooseProxy(api, inputs);
      return route && `${proxyLabel(route.server)} ${route.source}`;
    };
    expect(await pick({ target: 'socks5://t:1080', environment: 'http://e:1', env, system })).toBe(
      'socks5://t:1080 target',
    );
    expect(await pick({ environment: 'http://e:1', env, system })).toBe('http://e:1 environment');
    expect(await pick({ env, system })).toBe('http://envproxy:3128 process environment');
    expect(await pick({ env: {}, system })).toBe('http://sys:8080 system');
    expect(await pick({ env: {} })).toBeUndefined();
  });

  it('"none" is a direct connection, whatever comes after it', async () => {
    expect(await chooseProxy(api, { target: 'NONE', env: { HTTPS_PROXY: 'http://p:1' } })).toBeUndefined();
    expect(await chooseProxy(api, { environment: 'none', env: { HTTPS_PROXY: 'http://p:1' } })).toBeUndefined();
  });

  it('NO_PROXY exempts a host from the variables and from the system too', async () => {
    const system = () => Promise.resolve('PROXY sys:8080');
    const env = { https_proxy: 'http://p:3128', NO_PROXY: '.internal' };
    expect(await chooseProxy(api, { env, system })).toBeUndefined();
  });
});

describe('proxyFromProcessEnv', () => {
  it('grpc_proxy wins, as grpc-js reads it; a TLS target takes HTTPS_PROXY, a plaintext one HTTP_PROXY', () => {
    const env = { grpc_proxy: 'http://g:1', HTTPS_PROXY: 'http://s:2', HTTP_PROXY: 'http://h:3' };
    expect(proxyFromProcessEnv(api, env)).toEqual({ url: 'http://g:1', variable: 'grpc_proxy' });
    const { grpc_proxy: _, ...rest } = env;
    expect(proxyFromProcessEnv(api, rest)?.url).toBe('http://s:2');
    expect(proxyFromProcessEnv({ ...api, tls: false }, rest)?.url).toBe('http://h:3');
  });

  it('no_grpc_proxy is used instead of no_proxy; ports and wildcards follow the usual rules', () => {
    const env = { HTTPS_PROXY: 'p:3128', no_proxy: 'api.internal', no_grpc_proxy: 'other' };
    expect(proxyFromProcessEnv(api, env)?.url).toBe('http://p:3128');
    expect(proxyFromProcessEnv(api, { HTTPS_PROXY: 'p:3128', NO_PROXY: '*.internal:443' })).toBeNull();
    expect(proxyFromProcessEnv(api, { HTTPS_PROXY: 'p:3128', NO_PROXY: '*.internal:8443' })?.url).toBe('http://p:3128');
  });

  it('leaves the process environment as it was', () => {
    const before = { ...process.env };
    proxyFromProcessEnv(api, { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'x' });
    expect(process.env).toEqual(before);
  });
});

describe('proxy URLs', () => {
  it('reads the kinds, default ports and credentials (percent-decoded)', () => {
    expect(parseProxyUrl('http://u:p%40ss@proxy', 'x')).toEqual({
      kind: 'http',
      host: 'proxy',
      port: 80,
      username: 'u',
      password: 'p@ss',
    });
    expect(parseProxyUrl('socks5h://[::1]:9050', 'x')).toEqual({ kind: 'socks5', host: '::1', port: 9050 });
    expect(parseProxyUrl('proxy.corp:3128', 'x')).toMatchObject({ kind: 'http', port: 3128 });
  });

  it('refuses what is not a proxy, naming where it came from and hiding the password', () => {
    expect(() => parseProxyUrl('http://u:hunter2@proxy/path', 'HTTPS_PROXY')).toThrow(
      "HTTPS_PROXY 'http://u:***@proxy/path' is not a usable proxy: a proxy URL has no path.",
    );
  });

  it('the history keeps a {{variable}} password, never a typed one', () => {
    expect(withoutLiteralPassword('http://u:{{pw}}@p:1')).toBe('http://u:{{pw}}@p:1');
    expect(withoutLiteralPassword('http://u:hunter2@p:1')).toBe('http://u:***@p:1');
    expect(withoutLiteralPassword('none')).toBe('none');
  });

  it('reads PAC answers as the system gives them', () => {
    expect(parsePacAnswer('DIRECT')).toBeUndefined();
    expect(parsePacAnswer('PROXY corp:8080; DIRECT')).toMatchObject({ kind: 'http', host: 'corp', port: 8080 });
    expect(parsePacAnswer('SOCKS5 s:1080')).toMatchObject({ kind: 'socks5' });
    expect(parsePacAnswer('HTTPS secure:443')).toMatchObject({ kind: 'https' });
  });
});
