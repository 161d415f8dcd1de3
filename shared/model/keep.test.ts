import { describe, expect, it } from 'vitest';
import { loupeContract } from '../contract';
import { DEFAULT_KEEP_MESSAGES, KEEP_LIMITS } from './keep';

describe('the Keep count', () => {
  const open = (keep?: number) =>
    loupeContract['call.open'].input.safeParse({
      target: { address: 'h:1' },
      callId: 'c',
      method: 'a.B/C',
      ...(keep === undefined ? {} : { keep }),
    });

  it('the engine accepts exactly the counts the window offers, the default among them', () => {
    expect(open()).toMatchObject({ success: true, data: { keep: DEFAULT_KEEP_MESSAGES } });
    expect(open(KEEP_LIMITS.min).success).toBe(true);
    expect(open(KEEP_LIMITS.max).success).toBe(true);
    expect(open(KEEP_LIMITS.min - 1).success).toBe(false);
    expect(open(KEEP_LIMITS.max + 1).success).toBe(false);
    expect(DEFAULT_KEEP_MESSAGES).toBeGreaterThanOrEqual(KEEP_LIMITS.min);
    expect(DEFAULT_KEEP_MESSAGES).toBeLessThanOrEqual(KEEP_LIMITS.max);
  });
});
