import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { answerIPv4WithoutTheIPv6Pattern, isIPv6 } from './ipv6-check';

// Addresses and near misses of both families, host names, and text that is neither.
const SAMPLES: [string, boolean][] = [
  ['127.0.0.1', false],
  ['0.0.0.0', false],
  ['255.255.255.255', false],
  ['256.1.1.1', false],
  ['localhost', false],
  ['api.example.com', false],
  ['', false],
  ['::', true],
  ['::1', true],
  ['[::1]', false],
  ['fe80::1%eth0', true],
  ['::ffff:127.0.0.1', true],
  ['2001:db8::8a2e:370:7334', true],
  ['2001:db8:0:0:0:0:2:1', true],
  ['1:2:3:4:5:6:7:8:9', false],
  ['gggg::1', false],
  [':1', false],
  ['127.0.0.1:50051', false],
  ['localhost:443', false],
];

describe('isIPv6 without the pattern for text without a colon', () => {
  it("answers as Node's own check does", () => {
    for (const [text, ipv6] of SAMPLES) {
      expect(isIPv6(text), text).toBe(ipv6);
      expect(net.isIP(text) === 6, `Node on ${text}`).toBe(ipv6);
    }
  });

  it('is what net.isIPv6 answers once installed, which grpc-js reads at each call', () => {
    answerIPv4WithoutTheIPv6Pattern();
    answerIPv4WithoutTheIPv6Pattern();
    expect(net.isIPv6).toBe(isIPv6);
    expect(net.isIPv6('::1')).toBe(true);
    expect(net.isIPv6('10.0.0.1')).toBe(false);
  });
});
