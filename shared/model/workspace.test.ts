import { describe, expect, it } from 'vitest';
import { enclosingFolders, folderOf, isAtOrInside, itemName } from './workspace';

describe('isAtOrInside', () => {
  it('is the folder itself or an item below it, not a sibling that shares a prefix', () => {
    expect(isAtOrInside('users', 'users')).toBe(true);
    expect(isAtOrInside('users/get', 'users')).toBe(true);
    expect(isAtOrInside('users/admin/get', 'users')).toBe(true);
    expect(isAtOrInside('users-old/get', 'users')).toBe(false);
    expect(isAtOrInside('use', 'users')).toBe(false);
  });
});

describe('item path parts', () => {
  it('names an item, its folder and every folder it is inside', () => {
    expect(itemName('users/admin/Get user')).toBe('Get user');
    expect(itemName('ping')).toBe('ping');
    expect(folderOf('users/admin/Get user')).toBe('users/admin');
    expect(folderOf('ping')).toBe('');
    expect(enclosingFolders('users/admin/Get user')).toEqual(['users', 'users/admin']);
    expect(enclosingFolders('ping')).toEqual([]);
  });
});
