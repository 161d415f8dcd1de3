import { beforeEach, describe, expect, it, vi } from 'vitest';

const opened: string[] = [];
vi.mock('electron', () => ({ shell: { openExternal: async (url: string) => void opened.push(url) } }));

const { openExternalSafely, openSignInPageSafely } = await import('./external-links');

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

describe('openSignInPageSafely', () => {
  beforeEach(() => {
    opened.length = 0;
  });

  it.each(['https://login.example.com/authorize?client_id=x', 'http://127.0.0.1:8080/auth', 'http://localhost/device'])(
    'opens the sign-in page %s',
    (url) => {
      expect(openSignInPageSafely(url)).toBe(true);
      expect(opened).toEqual([url]);
    },
  );

  it.each(['http://login.example.com/authorize', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url'])(
    'refuses %s',
    (url) => {
      expect(openSignInPageSafely(url)).toBe(false);
      expect(opened).toEqual([]);
    },
  );
});
