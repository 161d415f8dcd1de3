import { describe, expect, it } from 'vitest';
import { parseThreshold, thresholdMet } from './load-thresholds';

describe('load test thresholds', () => {
  it('reads latencies in their unit, errors as a percentage and rps', () => {
    expect(parseThreshold('p99<200ms')).toMatchObject({ metric: 'p99', op: '<', value: 200 });
    expect(parseThreshold(' p99.9 <= 1.5s ')).toMatchObject({ metric: 'p99.9', op: '<=', value: 1500 });
    expect(parseThreshold('avg<500us')).toMatchObject({ metric: 'mean', value: 0.5 });
    expect(parseThreshold('errors<1%')).toMatchObject({ metric: 'errors', value: 1 });
    expect(parseThreshold('rps>=100')).toMatchObject({ metric: 'rps', op: '>=', value: 100 });
  });

  it('says what is wrong with one it cannot read', () => {
    expect(() => parseThreshold('p99<200')).toThrow(/give the latency a unit/);
    expect(() => parseThreshold('errors<1')).toThrow(/errors are a percentage/);
    expect(() => parseThreshold('p42<1ms')).toThrow(/not understood/);
  });

  it('compares as written', () => {
    const t = parseThreshold('p99<200ms');
    expect([thresholdMet(t, 199.9), thresholdMet(t, 200)]).toEqual([true, false]);
    expect(thresholdMet(parseThreshold('rps>=100'), 100)).toBe(true);
  });
});
