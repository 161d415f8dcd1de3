import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { answerIPv4WithoutTheIPv6Pattern, isIPv6 } from './ipv6-check';

const nodeIsIPv6 = net.isIPv6;

// Addresses and near misses of both families, host names, and text that is neither.
const SAMPLES = [
  '127.0.0.1',
  '0.0.0.0',
  '255.255.255.255',
  '256.1.1.1',
  'localhost',
  'api.example.com',
  '',
  '::',
  '::1',
  '[::1]',
  'fe80::1%eth0',
  '::ffff:127.0.0.1',
  '2001:db8::8a2e:370:7334',
  '2001:db8:0:0:0:0:2:1',
  '1:2:3:4:5:6:7:8:9',
  'gggg::1',
  ':1',
  '127.0.0.1:50051',
  'localhost:443',
];

describe('isIPv6 without the pattern for text without a colon', () => {
  it("answers as Node's own check does", () => {
    for (const text of SAMPLES) expect(isIPv6(text), text).toBe(nodeIsIPv6(text));
  });

  it('is what net.isIPv6 answers once installed, which grpc-js reads at each call', () => {
    answerIPv4WithoutTheIPv6Pattern();
    answerIPv4WithoutTheIPv6Pattern();
    expect(net.isIPv6).toBe(isIPv6);
    expect(net.isIPv6('::1')).toBe(true);
    expect(net.isIPv6('10.0.0.1')).toBe(false);
  });
});
