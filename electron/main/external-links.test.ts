import { beforeEach, describe, expect, it, vi } from 'vitest';

const opened: string[] = [];
vi.mock('electron', () => ({ shell: { openExternal: async (url: string) => void opened.push(url) } }));

const { openExternalSafely } = await import('./external-links');

describe('openExternalSafely', () => {
  beforeEach(() => {
    opened.length = 0;
  });

  it('opens https links to allow-listed hosts', () => {
    expect(openExternalSafely('https://grpc.io/docs/guides/status-codes/')).toBe(true);
    expect(opened).toEqual(['https://grpc.io/docs/guides/status-codes/']);
  });

  it.each([
    'http://grpc.io/',
    'https://grpc.io.evil.example/',
    'https://evil.example/?https://grpc.io',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://host/share',
    'not a url',
  ])('refuses %s', (url) => {
    expect(openExternalSafely(url)).toBe(false);
    expect(opened).toEqual([]);
  });
});
