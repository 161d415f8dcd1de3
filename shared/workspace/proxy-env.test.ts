import { describe, expect, it } from 'vitest';
import { TargetSettingsSchema, type TargetSettingsInput } from '../model/target';
import type { ResolvedRequest } from '../model/workspace';
import { isBufCurlCommand, parseBufCurlCommand, toBufCurlCommand } from './buf-curl';
import { parseGrpcurlCommand, toGrpcurlCommand, toLoupeCommand } from './commands';

/* A request's proxy in copied commands: loupe call's flags, grpcurl's and buf curl's variables,
 * and each pasted back to the same target. */

const on = (target: TargetSettingsInput): ResolvedRequest => ({
  target: TargetSettingsSchema.parse(target),
  method: 'loupe.demo.v1.Demo/Echo',
  messages: ['{}'],
  metadata: [],
  emitDefaults: false,
});
/** The pasted request's target, {{variables}} left as they are. */
const back = (request: ReturnType<typeof parseGrpcurlCommand>) => TargetSettingsSchema.parse(request.target);

describe('copied commands keep the proxy', () => {
  const proxy = 'http://dev:{{pw}}@proxy.corp:3128';

  it('grpcurl gets HTTPS_PROXY before it, with the {{variable}} as written', () => {
    const command = toGrpcurlCommand(on({ address: 'api:443', tls: { enabled: true }, proxy }));
    expect(command).toBe(
      "HTTPS_PROXY='http://dev:{{pw}}@proxy.corp:3128' grpcurl -d '{}' api:443 loupe.demo.v1.Demo/Echo",
    );
    expect(toGrpcurlCommand(on({ address: 'api:443', proxy: 'none' }))).toMatch(/^NO_PROXY='\*' grpcurl /);
  });

  it('grpcurl cannot use a SOCKS5 or https:// proxy: refused, pointing at loupe call', () => {
    expect(() => toGrpcurlCommand(on({ address: 'api:443', proxy: 'socks5://p:1080' }))).toThrow(
      'grpcurl reaches servers only through http:// proxies, and this request uses a socks5:// proxy: copy it as loupe call instead.',
    );
  });

  it('buf curl takes HTTP_PROXY or HTTPS_PROXY by the scheme, SOCKS5 too', () => {
    const plain = toBufCurlCommand(on({ address: 'h:8080', protocol: 'connect', proxy: 'socks5://p:1080' }));
    expect(plain).toMatch(/^HTTP_PROXY=socks5:\/\/p:1080 buf curl /);
    expect(isBufCurlCommand(plain)).toBe(true);
  });

  it('each pastes back to the same target', () => {
    const cases: TargetSettingsInput[] = [
      { address: 'api:443', proxy },
      { address: 'api:443', proxy: 'none' },
      { address: 'h:8080', protocol: 'connect', tls: { enabled: false }, proxy: 'socks5://p:1080' },
    ];
    for (const target of cases) {
      const request = on(target);
      expect(back(parseGrpcurlCommand(toLoupeCommand(request)))).toEqual(request.target);
      if (request.target.protocol === 'grpc')
        expect(back(parseGrpcurlCommand(toGrpcurlCommand(request)))).toEqual(request.target);
      expect(back(parseBufCurlCommand(toBufCurlCommand(request)))).toMatchObject({ proxy: request.target.proxy });
    }
  });
});
