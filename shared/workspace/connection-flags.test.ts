import { describe, expect, it } from 'vitest';
import { parsePositive } from '../text';
import { parseHeaders, parseSeconds, targetFromFlags } from './connection-flags';

describe('targetFromFlags', () => {
  it('names the target as given, without defaults', () => {
    expect(targetFromFlags('h:1', { plaintext: true }, '-')).toEqual({
      address: 'h:1',
      tls: { enabled: false, insecureSkipVerify: false },
    });
    expect(
      targetFromFlags(
        'api.test:443',
        {
          cacert: 'ca.pem',
          cert: 'c.pem',
          key: 'k.pem',
          authority: 'a.test',
          protoset: ['s.pb'],
          importPath: ['protos'],
          connectTimeout: '2.5',
          maxMsgSz: '1024',
          userAgent: 'me',
        },
        '--',
      ),
    ).toEqual({
      address: 'api.test:443',
      tls: { enabled: true, caPath: 'ca.pem', certPath: 'c.pem', keyPath: 'k.pem', insecureSkipVerify: false },
      authority: 'a.test',
      maxReceiveMessageBytes: 1024,
      connectTimeoutMs: 2500,
      userAgent: 'me',
      schema: { reflection: false, protoFiles: [], importPaths: ['protos'], protosets: ['s.pb'] },
    });
  });

  it('--proxy names the proxy; --no-proxy (false) is "none"', () => {
    expect(targetFromFlags('h:1', { proxy: 'socks5://p:1080' }, '--').proxy).toBe('socks5://p:1080');
    expect(targetFromFlags('h:1', { proxy: false }, '--').proxy).toBe('none');
    expect(targetFromFlags('h:1', {}, '--')).not.toHaveProperty('proxy');
  });

  it("refuses what grpcurl refuses, in the tool's own spelling of the flags", () => {
    expect(() => targetFromFlags('h:1', { plaintext: true, insecure: true }, '-')).toThrow(
      '-plaintext cannot be combined with -insecure, -cacert, -cert or -key',
    );
    expect(() => targetFromFlags('h:1', { cert: 'c.pem' }, '--')).toThrow('--cert and --key go together');
    expect(() => targetFromFlags('h:1', { maxMsgSz: '1.5' }, '-')).toThrow(
      "-max-msg-sz must be a positive integer, got '1.5'",
    );
    expect(() => targetFromFlags('h:1', { connectTimeout: '86401' }, '-')).toThrow(
      "-connect-timeout must be a positive number of seconds up to 86400, got '86401'",
    );
  });

  it('refuses an address that can never be dialed', () => {
    expect(() => targetFromFlags('h:port', {}, '-')).toThrow(/cannot be dialed: the port 'port' is not a number/);
    expect(() => targetFromFlags('', {}, '-')).toThrow('address is required');
  });
});

describe('parseHeaders and parseSeconds', () => {
  it("reads 'name: value' with the name lower-cased", () => {
    expect(parseHeaders(['Authorization: Bearer a:b', 'x-n:1'])).toEqual([
      { name: 'authorization', value: 'Bearer a:b' },
      { name: 'x-n', value: '1' },
    ]);
    expect(() => parseHeaders(['a=b'])).toThrow("header 'a=b' must look like 'name: value'");
  });

  it('reads seconds as whole milliseconds, refusing what cannot be a duration', () => {
    expect(parseSeconds('-max-time', undefined)).toBeUndefined();
    expect(parseSeconds('-max-time', '2.5')).toBe(2500);
    for (const bad of ['0', '-1', 'soon', '', 'Infinity', '0.0001']) {
      expect(() => parseSeconds('-max-time', bad), bad).toThrow(
        `-max-time must be a positive number of seconds, got '${bad}'`,
      );
    }
  });

  it('parsePositive: a positive amount in whole smaller units, or undefined', () => {
    expect(parsePositive(' 1.5 ', 1024)).toBe(1536);
    expect(parsePositive('3', 1000, 2000)).toBeUndefined();
    expect(parsePositive('NaN')).toBeUndefined();
  });
});
