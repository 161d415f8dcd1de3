import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { cacheFlavor, codeCacheDir } from './code-cache';
import { CODE_CACHE_POINT } from './code-cache-point';

/*
 * The launcher as it runs: bundled like dist/cli.cjs, in a fresh Node process each time (a cache
 * consumed in the same isolate would prove nothing), in front of a small CommonJS "bundle". What
 * it did is read from the cache folder: a miss or a rejected cache writes a file (a new inode,
 * written by rename), a hit leaves it alone.
 */
let dir: string;
let launcher: string;

const BUNDLE = (marker: string) => `#!/usr/bin/env node
const { basename } = require('node:path');
function greet(name) { return 'hello ' + name; }
process.stdout.write(JSON.stringify({ marker: ${JSON.stringify(marker)}, greet: greet('x'), dir: basename(__dirname), args: process.argv.slice(2), exportsIsModule: exports === module.exports }));
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-launcher-'));
  launcher = join(dir, 'cli.cjs');
  await build({
    entryPoints: [resolve(__dirname, 'launch.ts')],
    outfile: launcher,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
    define: { LOUPE_CLI_BUNDLE: JSON.stringify('cli-main.cjs'), LOUPE_VERSION: JSON.stringify('0.0.0-test') },
  });
  writeFileSync(join(dir, 'cli-main.cjs'), BUNDLE('one'));
}, 60_000);

function run(cache: string, args: string[] = ['call', '--plaintext'], from = launcher) {
  const result = spawnSync(process.execPath, [from, ...args], {
    env: { ...process.env, LOUPE_CODE_CACHE_DIR: cache },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as { marker: string; greet: string; dir: string; args: string[] };
}

const caches = (cache: string) => readdirSync(cache).sort();
const inode = (path: string) => statSync(path).ino;

describe('the CLI launcher and its code cache', () => {
  it('runs the bundle as Node would, writes a cache once, then uses it', () => {
    const cache = mkdtempSync(join(tmpdir(), 'loupe-cc-'));
    const out = run(cache);
    expect(out).toEqual({
      marker: 'one',
      greet: 'hello x',
      dir: dir.split(/[\\/]/).pop(),
      args: ['call', '--plaintext'],
      exportsIsModule: true,
    });
    const [file] = caches(cache);
    expect(file).toMatch(/^cli-call-[0-9a-f]{8}-[0-9a-f]{24}\.v8cache$/);
    const first = inode(join(cache, file!));
    run(cache);
    expect(caches(cache)).toEqual([file]);
    expect(inode(join(cache, file!))).toBe(first);
    // Another command has a cache of its own.
    run(cache, ['list']);
    expect(caches(cache).filter((n) => n.startsWith('cli-list-'))).toHaveLength(1);
  });

  it('writes the cache when a serving command marks the end of its start, and not again at exit', () => {
    const cache = mkdtempSync(join(tmpdir(), 'loupe-cc-'));
    const serving = mkdtempSync(join(tmpdir(), 'loupe-serving-'));
    copyFileSync(launcher, join(serving, 'cli.cjs'));
    writeFileSync(
      join(serving, 'cli-main.cjs'),
      `const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const seen = () => readdirSync(process.env.LOUPE_CODE_CACHE_DIR).map((f) => [f, statSync(join(process.env.LOUPE_CODE_CACHE_DIR, f)).ino]);
const before = seen();
process.emit('${CODE_CACHE_POINT}');
const atPoint = seen();
function servedLater() { return 'compiled after the point'; }
process.stdout.write(JSON.stringify({ marker: servedLater(), before, atPoint }));
`,
    );
    const out = run(cache, ['web'], join(serving, 'cli.cjs')) as unknown as {
      before: [string, number][];
      atPoint: [string, number][];
    };
    expect(out.before).toEqual([]);
    expect(out.atPoint).toHaveLength(1);
    const [[name, ino]] = out.atPoint as [[string, number]];
    expect(name).toMatch(/^cli-web-/);
    expect(caches(cache)).toEqual([name]);
    expect(inode(join(cache, name))).toBe(ino);
  });

  it('replaces a cache V8 rejects, and drops the cache of a bundle that changed', () => {
    const cache = mkdtempSync(join(tmpdir(), 'loupe-cc-'));
    run(cache);
    const [file] = caches(cache);
    const path = join(cache, file!);
    const garbage = Buffer.alloc(statSync(path).size, 7);
    writeFileSync(path, garbage);
    expect(run(cache).greet).toBe('hello x');
    expect(readFileSync(path).equals(garbage)).toBe(false);
    const rewritten = inode(path);
    run(cache);
    expect(inode(path)).toBe(rewritten);

    writeFileSync(join(dir, 'cli-main.cjs'), BUNDLE('two'));
    // A rebuild's new time, set rather than waited for (some file systems keep whole seconds).
    utimesSync(join(dir, 'cli-main.cjs'), new Date(2030, 0, 1), new Date(2030, 0, 1));
    try {
      expect(run(cache).marker).toBe('two');
      const now = caches(cache);
      expect(now).toHaveLength(1);
      expect(now[0]).not.toBe(file);
    } finally {
      writeFileSync(join(dir, 'cli-main.cjs'), BUNDLE('one'));
    }
  });

  it('keeps one cache per install: two installs sharing the folder do not remove each other’s', () => {
    const cache = mkdtempSync(join(tmpdir(), 'loupe-cc-'));
    const other = mkdtempSync(join(tmpdir(), 'loupe-launcher-'));
    for (const name of ['cli.cjs', 'cli-main.cjs']) copyFileSync(join(dir, name), join(other, name));
    run(cache);
    const [mine] = caches(cache);
    const written = inode(join(cache, mine!));
    run(cache, ['call', '--plaintext'], join(other, 'cli.cjs'));
    expect(caches(cache)).toHaveLength(2);
    run(cache);
    expect(inode(join(cache, mine!))).toBe(written);
  });

  it('drops a cache no run has written for a month, of any install or command', () => {
    const cache = mkdtempSync(join(tmpdir(), 'loupe-cc-'));
    const stale = join(cache, 'cli-list-0123abcd-0123456789abcdef01234567.v8cache');
    const recent = join(cache, 'cli-list-89abcdef-0123456789abcdef01234567.v8cache');
    const notOurs = join(cache, 'notes.txt');
    for (const path of [stale, recent, notOurs]) writeFileSync(path, 'x');
    const monthsAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    for (const path of [stale, notOurs]) utimesSync(path, monthsAgo, monthsAgo);
    run(cache);
    const left = caches(cache);
    expect(left).not.toContain('cli-list-0123abcd-0123456789abcdef01234567.v8cache');
    expect(left).toEqual(expect.arrayContaining(['cli-list-89abcdef-0123456789abcdef01234567.v8cache', 'notes.txt']));
    expect(left.filter((n) => n.startsWith('cli-call-'))).toHaveLength(1);
  });

  it('reads a bundle that is not ASCII as UTF-8 (an ASCII one takes the faster Latin-1 path)', () => {
    writeFileSync(join(dir, 'cli-main.cjs'), BUNDLE('h\u00e9llo \u2713 \ud83d\ude00'));
    utimesSync(join(dir, 'cli-main.cjs'), new Date(2031, 0, 1), new Date(2031, 0, 1));
    try {
      const cache = mkdtempSync(join(tmpdir(), 'loupe-cc-'));
      expect(run(cache).marker).toBe('h\u00e9llo \u2713 \ud83d\ude00');
      expect(run(cache).marker).toBe('h\u00e9llo \u2713 \ud83d\ude00');
    } finally {
      writeFileSync(join(dir, 'cli-main.cjs'), BUNDLE('one'));
    }
  });

  it('runs without a cache when it is off or its folder cannot be written', () => {
    expect(run('off').greet).toBe('hello x');
    const notAFolder = join(mkdtempSync(join(tmpdir(), 'loupe-cc-')), 'file');
    writeFileSync(notAFolder, 'x');
    expect(run(notAFolder).greet).toBe('hello x');
    expect(readFileSync(notAFolder, 'utf8')).toBe('x');
  });

  it('places the cache in the user cache folder unless told otherwise, one per command', () => {
    expect(codeCacheDir({ LOUPE_CODE_CACHE_DIR: 'off' })).toBeUndefined();
    expect(codeCacheDir({ LOUPE_CODE_CACHE_DIR: '/x/y' })).toBe('/x/y');
    if (process.platform === 'linux') expect(codeCacheDir({ XDG_CACHE_HOME: '/c' })).toBe(join('/c', 'loupe'));
    expect(cacheFlavor(['call', '-d', '{}'])).toBe('call');
    expect(cacheFlavor(['--plaintext', 'list'])).toBe('list');
    expect(cacheFlavor(['../../etc'])).toBe('other');
    expect(cacheFlavor([])).toBe('other');
  });
});
