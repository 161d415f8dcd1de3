import { describe, expect, it } from 'vitest';
import { compareNames } from './name-order';

const collator = new Intl.Collator('en');
const sign = (n: number) => Math.sign(n);

/** A deterministic generator (mulberry32), so a failure names the pair it failed on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('compareNames', () => {
  it('orders proto names exactly as the collator does', () => {
    // A small alphabet, so names share prefixes and differ only by case as often as not.
    const alphabet = '_.09aAbByYzZ';
    const next = random(2026);
    const name = () =>
      Array.from({ length: Math.floor(next() * 6) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let i = 0; i < 20_000; i++) {
      const a = name();
      const b = name();
      const expected = sign(collator.compare(a, b));
      if (sign(compareNames(a, b)) !== expected)
        expect({ a, b, got: compareNames(a, b) }).toEqual({ a, b, got: expected });
    }
  });

  it('sorts services as the collator sorts them', () => {
    const names = [
      'loupe.demo.v1.Demo',
      'grpc.health.v1.Health',
      'a_b.Svc',
      'a.b.Svc',
      'A.b.Svc',
      'a9.Svc',
      'grpc.Health',
    ];
    expect([...names].sort(compareNames)).toEqual([...names].sort(collator.compare));
  });

  it('leaves names outside protobuf’s to the collator', () => {
    expect(compareNames('é', 'f')).toBe(collator.compare('é', 'f'));
    expect(compareNames('b', 'ä')).toBe(collator.compare('b', 'ä'));
  });
});
