import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/*
 * Test support: an npm registry on loopback, so a test can run `npm install -g <tarball>` the way
 * a CI pipeline does without reaching the network. It serves every package version in a
 * package-lock.json (and no other, so what installs is what the repository is tested with), each
 * tarball read from npm's own cache by its integrity: content-addressed, so a tarball `npm ci`
 * fetched is exactly the published one. What the cache lacks is answered 404 and listed in
 * `missing`, for the test to say what to do.
 */

interface LockEntry {
  version: string;
  integrity?: string;
  [field: string]: unknown;
}

export interface TestRegistry {
  url: string;
  /** `name@version` of every tarball asked for that npm's cache did not hold. */
  missing: string[];
  close(): Promise<void>;
}

/** Where cacache keeps the content with this integrity ('sha512-<base64>'). */
function cachedContent(npmCache: string, integrity: string): string | undefined {
  for (const hash of integrity.split(/\s+/)) {
    const dash = hash.indexOf('-');
    const hex = Buffer.from(hash.slice(dash + 1), 'base64').toString('hex');
    const file = join(npmCache, '_cacache', 'content-v2', hash.slice(0, dash), hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** name -> version -> lockfile entry, over every path of the lockfile. */
function versionsByName(lockfile: string): Map<string, Map<string, LockEntry>> {
  const lock = JSON.parse(readFileSync(lockfile, 'utf8')) as { packages: Record<string, LockEntry> };
  const byName = new Map<string, Map<string, LockEntry>>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    const at = path.lastIndexOf('node_modules/');
    if (at < 0 || !entry.integrity) continue; // the project itself, links
    const name = path.slice(at + 'node_modules/'.length);
    if (!byName.has(name)) byName.set(name, new Map());
    byName.get(name)!.set(entry.version, entry);
  }
  return byName;
}

const tarballPath = (name: string, version: string) => `/${name}/-/${name.split('/').pop()}-${version}.tgz`;

export async function startTestRegistry(options: { lockfile: string; npmCache: string }): Promise<TestRegistry> {
  const byName = versionsByName(options.lockfile);
  const missing: string[] = [];
  let base = '';

  /** The registry's document for a package: each version's manifest and where its tarball is. */
  const packument = (name: string) => {
    const entries = byName.get(name);
    if (!entries) return undefined;
    const versions: Record<string, unknown> = {};
    for (const [version, entry] of entries) {
      // Lockfile flags describe the repository's tree, not a published version.
      const { dev: _d, devOptional: _o, optional: _p, peer: _e, integrity, resolved: _r, ...manifest } = entry;
      versions[version] = { ...manifest, name, version, dist: { integrity, tarball: `${base}${tarballPath(name, version)}` } };
    }
    // As on the public registry, latest is the newest: npm prefers it when it satisfies a range.
    const latest = [...entries.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1);
    return { name, 'dist-tags': { latest }, versions };
  };

  const sendTarball = (res: ServerResponse, name: string, version: string) => {
    const file = cachedContent(options.npmCache, byName.get(name)?.get(version)?.integrity ?? '');
    if (!file) {
      missing.push(`${name}@${version}`);
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    createReadStream(file).pipe(res);
  };

  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://registry').pathname);
    const tarball = /^\/(.+)\/-\/[^/]+?-(\d+\.\d+\.\d+[^/]*)\.tgz$/.exec(path);
    if (tarball) return sendTarball(res, tarball[1]!, tarball[2]!);
    const doc = packument(path.slice(1));
    res.writeHead(doc ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(doc ?? { error: 'Not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/`,
    missing,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
