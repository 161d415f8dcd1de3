import { describe, expect, it } from 'vitest';
import { DEFAULT_DRAFT } from './plan-form';
import { MAX_REMEMBERED, planKey, rememberedPlan, rememberPlan } from './remembered-plans';

/** The page's storage as the browser gives it, in memory. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const target = { address: 'localhost:50051' } as Parameters<typeof planKey>[0]['target'];

describe('the last plan of each request', () => {
  it('comes back for the same request and not for another', () => {
    const storage = new MemoryStorage();
    const echo = planKey({ method: 'demo.Demo.Echo', target });
    rememberPlan(echo, { ...DEFAULT_DRAFT, concurrency: '50' }, storage);
    expect(rememberedPlan(echo, storage).concurrency).toBe('50');
    expect(rememberedPlan(planKey({ method: 'demo.Demo.Chat', target }), storage)).toEqual(DEFAULT_DRAFT);
  });

  it('is keyed by the saved request, whatever its method, when the tab is saved', () => {
    const saved = { root: '/ws', path: 'users/Get user', fingerprint: '' };
    expect(planKey({ method: 'a.B.C', target, saved })).toBe(planKey({ method: 'x.Y.Z', target, saved }));
  });

  it('keeps the most recently used plans only', () => {
    const storage = new MemoryStorage();
    for (let i = 0; i <= MAX_REMEMBERED; i++)
      rememberPlan(`k${i}`, { ...DEFAULT_DRAFT, calls: String(i + 1) }, storage);
    expect(rememberedPlan('k0', storage)).toEqual(DEFAULT_DRAFT);
    expect(rememberedPlan(`k${MAX_REMEMBERED}`, storage).calls).toBe(String(MAX_REMEMBERED + 1));
  });

  it('drops what it cannot read instead of failing, and fills fields an older build did not have', () => {
    const storage = new MemoryStorage();
    storage.setItem('loupe.loadPlans', '{not json');
    expect(rememberedPlan('k', storage)).toEqual(DEFAULT_DRAFT);
    storage.setItem(
      'loupe.loadPlans',
      JSON.stringify([
        ['k', { calls: '7' }],
        ['bad', { rate: 'sideways' }],
      ]),
    );
    expect(rememberedPlan('k', storage)).toEqual({ ...DEFAULT_DRAFT, calls: '7' });
    expect(rememberedPlan('bad', storage)).toEqual(DEFAULT_DRAFT);
  });
});
