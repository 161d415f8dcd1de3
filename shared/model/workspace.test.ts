import { describe, expect, it } from 'vitest';
import { isAtOrInside } from './workspace';

describe('isAtOrInside', () => {
  it('is the folder itself or an item below it, not a sibling that shares a prefix', () => {
    expect(isAtOrInside('users', 'users')).toBe(true);
    expect(isAtOrInside('users/get', 'users')).toBe(true);
    expect(isAtOrInside('users/admin/get', 'users')).toBe(true);
    expect(isAtOrInside('users-old/get', 'users')).toBe(false);
    expect(isAtOrInside('use', 'users')).toBe(false);
  });
});
