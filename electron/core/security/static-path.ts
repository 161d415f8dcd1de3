import { join, resolve, sep } from 'node:path';

/** The file a request for our own page names, or the status to refuse it with. */
export type StaticPath = { file: string } | { refuse: 400 | 403; reason: string };

/**
 * The one path check of both faces that serve the built renderer (browser mode's static server
 * and the desktop app's app:// handler): the file below `root` that a URL's path names ('/' is
 * index.html). The path is %-decoded after URL parsing, so an encoded '..' or '/' (`..%2f`) is
 * seen for what it is and refused when it would lead outside `root` (403); a malformed %-escape
 * is the client's mistake (400), not a server failure.
 */
export function resolveStaticPath(root: string, urlPathname: string): StaticPath {
  let pathname: string;
  try {
    pathname = decodeURIComponent(urlPathname);
  } catch {
    return { refuse: 400, reason: 'Bad request path' };
  }
  const base = resolve(root);
  const file = join(base, pathname === '/' ? 'index.html' : pathname);
  if (!file.startsWith(base + sep) || file.length === base.length + 1) return { refuse: 403, reason: 'Forbidden' };
  return { file };
}
