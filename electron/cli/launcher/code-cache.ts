// The CLI's own bundle and its code cache: files Loupe writes itself, never a user's.
// eslint-disable-next-line no-restricted-imports
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { constants, Script } from 'node:vm';
import { CODE_CACHE_POINT } from './code-cache-point';

/**
 * A cold `loupe call` spent most of its own CPU time having V8 parse and compile the 3 MB bundle
 * (measured with --cpu-prof: wrapSafe ~570 of ~1,000 ms under load; user time 304 -> 212 ms with
 * a cache, hyperfine, same run). Node 22 has module.enableCompileCache(); Node 20 does not, so the
 * launcher compiles the bundle through vm.Script with V8's code cache: written after a run of a
 * command (so it holds the functions that command compiled, not just the top level, which alone
 * saves nothing), one file per command, in the user's cache folder. A stale or foreign cache is
 * harmless: it is keyed by the bundle's build (Loupe's version, the file's size, time and inode),
 * Node's version and the architecture, and V8 rejects one it cannot use, which is then rewritten.
 * Its name also says which install wrote it (a hash of the bundle's folder).
 */

/** A code cache larger than this is not ours (the bundle's is ~1.5 MB). */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

export type CodeCacheOutcome = 'hit' | 'miss' | 'rejected' | 'off';

export interface LoadedBundle {
  outcome: CodeCacheOutcome;
}

/** Where the cache lives: LOUPE_CODE_CACHE_DIR ("off" disables), else the user's cache folder. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env.LOUPE_CODE_CACHE_DIR;
  if (override === 'off') return undefined;
  if (override) return override;
  if (process.platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'Loupe', 'Cache') : undefined;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'Loupe');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'loupe');
}

/** One cache per command: each compiles a different part of the bundle. */
export function cacheFlavor(argv: string[]): string {
  const command = argv.find((a) => !a.startsWith('-'));
  return command && /^[a-z][a-z-]{0,20}$/.test(command) ? command : 'other';
}

/**
 * Runs the CommonJS bundle `file` as Node would, through the code cache in `cacheDir`. When there
 * was none usable, one is written at exit or when the bundle emits CODE_CACHE_POINT, whichever
 * comes first (code-cache-point.ts).
 */
export function runBundle(
  file: string,
  { cacheDir, flavor, version }: { cacheDir: string | undefined; flavor: string; version: string },
): LoadedBundle {
  let source = readSource(file);
  // A shebang is not JavaScript outside the module loader; keep the length so positions hold.
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  // Which build of the bundle, by what the file system says of it rather than a hash of its 3 MB
  // (which cost 20-45 ms of a cold call): a rebuild changes its time, a release its version.
  const { size, mtimeMs, ino } = statSync(file);
  const key = createHash('sha256')
    .update(JSON.stringify([process.version, process.arch, version, size, mtimeMs, ino]))
    .digest('hex')
    .slice(0, 24);
  // Per install too: removing the command's caches of other builds must not remove another
  // install's (the desktop app's CLI beside an npm-installed one, two clones), or each would start
  // without a cache every time the other had run.
  const install = createHash('sha256').update(dirname(file)).digest('hex').slice(0, 8);
  const prefix = `cli-${flavor}-${install}-`;
  const cacheFile = cacheDir && join(cacheDir, `${prefix}${key}.v8cache`);
  const cachedData = cacheFile ? readCache(cacheFile) : undefined;
  const script = new Script(Module.wrap(source), {
    filename: file,
    cachedData,
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const outcome: CodeCacheOutcome = !cacheFile
    ? 'off'
    : !cachedData
      ? 'miss'
      : script.cachedDataRejected
        ? 'rejected'
        : 'hit';
  const save = (): void => {
    process.off('exit', save);
    process.off(CODE_CACHE_POINT, save);
    if (!cacheDir || !cacheFile || outcome === 'hit' || outcome === 'off') return;
    try {
      mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
      const temp = `${cacheFile}.${randomBytes(6).toString('hex')}.tmp`;
      writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
      renameSync(temp, cacheFile);
      removeOutdated(cacheDir, prefix, cacheFile);
    } catch {
      // A read-only or full disk only means the next run compiles again.
    }
  };
  // Before the bundle runs: it may reach its point while it runs.
  process.once('exit', save);
  process.once(CODE_CACHE_POINT, save);
  const mod = new Module(file);
  mod.filename = file;
  const req = createRequire(file);
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(mod.exports, mod.exports, req, mod, file, dirname(file));
  return { outcome };
}

/** A cache not written for this long is dropped: an install removed since leaves nothing behind. */
const UNTOUCHED_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Removes this install's caches of the same command for other builds or Node versions (of no
 * more use), and any cache not written for a month (a cache in use is rewritten only when V8
 * rejects it, so one in daily use may go too: its command then starts once without one).
 */
function removeOutdated(cacheDir: string, prefix: string, keep: string): void {
  const now = Date.now();
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (!name.startsWith('cli-') || !name.endsWith('.v8cache') || path === keep) continue;
    if (name.startsWith(prefix) || now - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0) > UNTOUCHED_MS)
      rmSync(path, { force: true });
  }
}

/**
 * The bundle's text. Decoding 3 MB as UTF-8 cost ~22 ms of a cold call's CPU, as Latin-1 ~3 ms;
 * the two agree on ASCII, which the build makes the bundle (scripts/lib/cli-bundle.mjs), and
 * anything else is still decoded as UTF-8.
 */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

function readCache(path: string): Buffer | undefined {
  try {
    const { size } = statSync(path);
    return size > 0 && size <= MAX_CACHE_BYTES ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}
