import { describe, expect, it } from 'vitest';
import { TargetSettingsSchema, type TargetSettingsInput } from '../model/target';
import type { ResolvedRequest } from '../model/workspace';
import { isBufCurlCommand, parseBufCurlCommand, toBufCurlCommand } from './buf-curl';
import { parseGrpcurlCommand, toGrpcurlCommand, toLoupeCommand } from './commands';
import { resolveSavedRequest } from './resolve-request';

const on = (target: TargetSettingsInput, extra: Partial<ResolvedRequest> = {}): ResolvedRequest => ({
  target: TargetSettingsSchema.parse(target),
  method: 'loupe.demo.v1.Demo/Echo',
  messages: ['{"message":"hi"}'],
  metadata: [{ name: 'x-token', value: 'abc' }],
  emitDefaults: false,
  ...extra,
});

describe('copy as buf curl', () => {
  it('Connect over plaintext HTTP/2: prior knowledge, the method as a URL', () => {
    expect(toBufCurlCommand(on({ address: 'localhost:8080', protocol: 'connect' }))).toBe(
      `buf curl --http2-prior-knowledge -H 'x-token: abc' -d '{"message":"hi"}' http://localhost:8080/loupe.demo.v1.Demo/Echo`,
    );
  });

  it('gRPC-Web over HTTP/1.1 with TLS, and gRPC', () => {
    const web = on(
      {
        address: 'api.test:443',
        protocol: 'grpc-web',
        httpVersion: '1.1',
        tls: { enabled: true, caPath: '/ca.pem' },
        authority: 'edge.test',
      },
      { deadlineMs: 1500, emitDefaults: true },
    );
    expect(toBufCurlCommand(web)).toBe(
      `buf curl --protocol grpcweb --cacert /ca.pem --servername edge.test -H 'x-token: abc' --timeout 1.5s --emit-defaults -d '{"message":"hi"}' https://api.test:443/loupe.demo.v1.Demo/Echo`,
    );
    expect(toBufCurlCommand(on({ address: 'h:1' }, { metadata: [], messages: [] }))).toBe(
      'buf curl --protocol grpc --http2-prior-knowledge http://h:1/loupe.demo.v1.Demo/Echo',
    );
  });

  it('refuses gRPC-Web text, which buf curl cannot speak', () => {
    expect(() => toBufCurlCommand(on({ address: 'h:1', protocol: 'grpc-web-text' }))).toThrow(/binary gRPC-Web only/);
  });

  it('a copied command pastes back as the same request', () => {
    const cases: TargetSettingsInput[] = [
      { address: 'localhost:8080', protocol: 'connect' },
      { address: 'localhost:8080', protocol: 'connect', httpVersion: '1.1' },
      { address: 'localhost:8443', protocol: 'grpc-web', tls: { enabled: true, insecureSkipVerify: true } },
      { address: 'localhost:50051', schema: { reflection: false, protosets: ['demo.binpb'] } },
    ];
    for (const target of cases) {
      const request = on(target, { deadlineMs: 2000 });
      const pasted = parseBufCurlCommand(toBufCurlCommand(request));
      const back = resolveSavedRequest(pasted, { targets: {} }, { values: {} }, 'pasted');
      expect(back.target).toEqual(request.target);
      expect(back).toMatchObject({ method: request.method, messages: request.messages, deadlineMs: 2000 });
      expect(back.metadata).toEqual(request.metadata);
    }
  });

  it('is told apart from grpcurl', () => {
    expect(isBufCurlCommand("buf curl --data '{}' http://h:1/a.B/C")).toBe(true);
    expect(isBufCurlCommand('grpcurl -plaintext h:1 a.B/C')).toBe(false);
  });
});

describe('loupe call and grpcurl with a protocol', () => {
  it('loupe call carries --protocol, --http1 and --connect-json, and pastes back', () => {
    const request = on({ address: 'h:1', protocol: 'connect', httpVersion: '1.1', connectCodec: 'json' });
    const command = toLoupeCommand(request);
    expect(command).toBe(
      `loupe call --protocol connect --http1 --connect-json --plaintext -H 'x-token: abc' -d '{"message":"hi"}' h:1 loupe.demo.v1.Demo/Echo`,
    );
    const back = resolveSavedRequest(parseGrpcurlCommand(command), { targets: {} }, { values: {} }, 'pasted');
    expect(back.target).toEqual(request.target);
  });

  it('grpcurl refuses a gRPC-Web or Connect request, naming buf curl', () => {
    expect(() => toGrpcurlCommand(on({ address: 'h:1', protocol: 'grpc-web' }))).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED', message: expect.stringContaining('buf curl') }),
    );
  });
});
