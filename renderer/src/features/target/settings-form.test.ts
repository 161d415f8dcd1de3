import { describe, expect, it } from 'vitest';
import { TargetSettingsSchema } from '../../../../shared/model/target';
import { appendPaths, formFromTarget, parsePathList, targetFromForm, type SettingsForm } from './settings-form';

const blank = (): SettingsForm => formFromTarget({ address: 'localhost:50051' });

describe('parsePathList', () => {
  it('takes one path per line, trimming blanks, quotes and duplicates', () => {
    const text = '  /a/one.proto \r\n\n"/b/with space.proto"\n\'/c/x.proto\'\n/a/one.proto\n   \n';
    expect(parsePathList(text)).toEqual(['/a/one.proto', '/b/with space.proto', '/c/x.proto']);
  });

  it('keeps a quote that is part of a path', () => {
    expect(parsePathList(`/it's/here.proto\n"unbalanced.proto`)).toEqual([`/it's/here.proto`, '"unbalanced.proto']);
  });

  it('is empty for empty text', () => {
    expect(parsePathList('')).toEqual([]);
  });
});

describe('appendPaths', () => {
  it('adds picked paths after the typed ones, without repeating any', () => {
    expect(appendPaths('/a.proto\n', ['/b.proto', '/a.proto'])).toBe('/a.proto\n/b.proto');
  });
});

describe('targetFromForm', () => {
  it('turns a bare form into a valid plaintext target with reflection', () => {
    const result = targetFromForm(blank(), ' localhost:50051 ');
    expect(result).toEqual({
      ok: true,
      target: {
        address: 'localhost:50051',
        tls: { enabled: false, insecureSkipVerify: false },
        compression: 'identity',
        schema: { reflection: true, protoFiles: [], importPaths: [], protosets: [] },
      },
    });
    if (result.ok) expect(TargetSettingsSchema.safeParse(result.target).success).toBe(true);
  });

  it('converts units and keeps every TLS and schema setting', () => {
    const form: SettingsForm = {
      ...blank(),
      transport: 'tls',
      caPath: ' /certs/ca.pem ',
      certPath: '/certs/client.pem',
      keyPath: '/certs/client.key',
      insecureSkipVerify: true,
      authority: 'api.example.test',
      userAgent: 'loupe-test',
      maxSendMiB: '1.5',
      maxReceiveMiB: '64',
      keepaliveSeconds: '30',
      connectTimeoutSeconds: '2.5',
      gzip: true,
      reflection: false,
      protoFiles: '/p/a.proto\n/p/b.proto',
      importPaths: '/p\n/vendor',
      protosets: '/out/set.pb',
    };
    const result = targetFromForm(form, 'host:443');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.target).toEqual({
      address: 'host:443',
      tls: {
        enabled: true,
        insecureSkipVerify: true,
        caPath: '/certs/ca.pem',
        certPath: '/certs/client.pem',
        keyPath: '/certs/client.key',
      },
      authority: 'api.example.test',
      userAgent: 'loupe-test',
      maxSendMessageBytes: 1_572_864,
      maxReceiveMessageBytes: 67_108_864,
      keepaliveTimeMs: 30_000,
      connectTimeoutMs: 2500,
      compression: 'gzip',
      schema: {
        reflection: false,
        protoFiles: ['/p/a.proto', '/p/b.proto'],
        importPaths: ['/p', '/vendor'],
        protosets: ['/out/set.pb'],
      },
    });
    expect(TargetSettingsSchema.safeParse(result.target).success).toBe(true);
    // And back again: the dialog reopens showing what was applied.
    expect(formFromTarget(result.target)).toEqual({ ...form, caPath: '/certs/ca.pem' });
  });

  it('drops TLS paths when plaintext is chosen (the engine refuses a client certificate without TLS)', () => {
    const result = targetFromForm(
      {
        ...blank(),
        transport: 'plaintext',
        caPath: '/ca.pem',
        certPath: '/c',
        keyPath: '/k',
        insecureSkipVerify: true,
      },
      'h:1',
    );
    expect(result.ok && result.target.tls).toEqual({ enabled: false, insecureSkipVerify: false });
  });

  it('names each field that is wrong', () => {
    const result = targetFromForm(
      {
        ...blank(),
        transport: 'tls',
        certPath: '/c.pem',
        maxSendMiB: 'lots',
        maxReceiveMiB: '-1',
        keepaliveSeconds: '0',
        connectTimeoutSeconds: 'soon',
        reflection: false,
      },
      'h:1',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual([
      'connectTimeoutSeconds',
      'keepaliveSeconds',
      'keyPath',
      'maxReceiveMiB',
      'maxSendMiB',
      'reflection',
    ]);
    expect(result.errors.keyPath).toMatch(/certificate and its key/);
    expect(result.errors.reflection).toMatch(/schema source/);
  });

  it('bounds the connect timeout as the engine does (at most a day)', () => {
    const result = targetFromForm({ ...blank(), connectTimeoutSeconds: '86401' }, 'h:1');
    expect(result.ok ? undefined : result.errors.connectTimeoutSeconds).toMatch(/at most 86400 seconds/);
    expect(targetFromForm({ ...blank(), connectTimeoutSeconds: '86400' }, 'h:1').ok).toBe(true);
  });

  it('accepts protos alone as the schema source', () => {
    const result = targetFromForm({ ...blank(), reflection: false, protoFiles: '/a.proto' }, 'h:1');
    expect(result.ok).toBe(true);
  });

  it('refuses a size that rounds to zero bytes', () => {
    const result = targetFromForm({ ...blank(), maxSendMiB: '0.0000001' }, 'h:1');
    expect(!result.ok && result.errors.maxSendMiB).toBeTruthy();
  });
});

describe('the wire protocol', () => {
  it('round-trips, and a gRPC target carries no protocol keys', () => {
    const grpc = targetFromForm(formFromTarget({ address: 'h:1' }), 'h:1');
    expect(grpc.ok && Object.keys(grpc.target)).not.toContain('protocol');
    const input = {
      address: 'h:1',
      protocol: 'connect' as const,
      httpVersion: '1.1' as const,
      connectCodec: 'json' as const,
    };
    const form = formFromTarget(input);
    expect(form).toMatchObject({ protocol: 'connect', httpVersion: '1.1', connectCodec: 'json' });
    expect(targetFromForm(form, 'h:1')).toMatchObject({ ok: true, target: input });
    // Back to gRPC: the HTTP version and codec no longer apply, and are not kept.
    const back = targetFromForm({ ...form, protocol: 'grpc' }, 'h:1');
    expect(back.ok && back.target).not.toHaveProperty('httpVersion');
  });
});

describe('the proxy', () => {
  it('from the environment or system stores nothing; "none" and a URL round-trip', () => {
    const system = targetFromForm(blank(), 'h:1');
    expect(system.ok && system.target).not.toHaveProperty('proxy');
    for (const proxy of ['none', 'socks5://dev:{{proxyPassword}}@proxy:1080']) {
      const form = formFromTarget({ address: 'h:1', proxy });
      expect(form.proxyMode).toBe(proxy === 'none' ? 'none' : 'url');
      expect(targetFromForm(form, 'h:1')).toMatchObject({ ok: true, target: { proxy } });
    }
  });

  it('refuses an empty or scheme-less URL, saying how to write one', () => {
    const empty = targetFromForm({ ...blank(), proxyMode: 'url', proxyUrl: ' ' }, 'h:1');
    expect(!empty.ok && empty.errors.proxyUrl).toMatch(/Enter the proxy URL/);
    const bare = targetFromForm({ ...blank(), proxyMode: 'url', proxyUrl: 'proxy:3128' }, 'h:1');
    expect(!bare.ok && bare.errors.proxyUrl).toMatch(/starts with http:\/\/, https:\/\/ or socks5:\/\//);
  });
});
