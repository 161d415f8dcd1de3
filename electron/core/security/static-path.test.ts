import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from './static-path';

describe('resolveStaticPath', () => {
  const root = join('/srv', 'renderer');

  it('names the file below the root, index.html for /', () => {
    expect(resolveStaticPath(root, '/')).toEqual({ file: join(root, 'index.html') });
    expect(resolveStaticPath(root, '/assets/app%20x.js')).toEqual({ file: join(root, 'assets', 'app x.js') });
    expect(resolveStaticPath(`${root}/`, '/a.js')).toEqual({ file: join(root, 'a.js') });
  });

  it('refuses a decoded path that leads outside the root, or to the root itself (403)', () => {
    for (const path of ['/..%2fsecret.txt', '/assets/..%2f..%2fx', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/%2e', '/%2F']) {
      expect(resolveStaticPath(root, path), path).toEqual({ refuse: 403, reason: 'Forbidden' });
    }
    expect(resolveStaticPath(root, '/..%2frenderer-other/x')).toMatchObject({ refuse: 403 });
  });

  it('answers 400 for a malformed percent-encoding', () => {
    expect(resolveStaticPath(root, '/%E0%A4%A')).toEqual({ refuse: 400, reason: 'Bad request path' });
  });
});
