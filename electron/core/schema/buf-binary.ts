import { existsSync } from 'node:fs';
import { arch, endianness } from 'node:os';
import { schemaError } from './errors';
import { resolvePackageFile } from './package-paths';

/** Same table as @bufbuild/buf's own bin/buf launcher (scripts/platform.ts). */
const PLATFORM_PACKAGES: Record<string, string> = {
  'darwin arm64 LE': '@bufbuild/buf-darwin-arm64',
  'darwin x64 LE': '@bufbuild/buf-darwin-x64',
  'linux arm64 LE': '@bufbuild/buf-linux-aarch64',
  'linux arm LE': '@bufbuild/buf-linux-armv7',
  'linux x64 LE': '@bufbuild/buf-linux-x64',
  'win32 arm64 LE': '@bufbuild/buf-win32-arm64',
  'win32 x64 LE': '@bufbuild/buf-win32-x64',
};

let cached: string | undefined;

/**
 * Finds the native buf executable. We call the platform binary directly rather than
 * @bufbuild/buf's node launcher: one process instead of two (~40 ms less per compile), and it
 * works where no `node` is on PATH (a packaged Electron app). LOUPE_BUF_PATH overrides.
 */
export function resolveBufBinary(): string {
  const override = process.env.LOUPE_BUF_PATH;
  if (override) {
    if (!existsSync(override)) throw schemaError(`LOUPE_BUF_PATH points at ${override}, which does not exist.`);
    return override;
  }
  if (cached) return cached;
  const platformKey = `${process.platform} ${arch()} ${endianness()}`;
  const pkg = PLATFORM_PACKAGES[platformKey];
  if (!pkg) {
    throw schemaError(
      `Compiling .proto files needs the buf compiler, which has no build for ${platformKey}. Use a protoset or server reflection instead.`,
    );
  }
  const exe = process.platform === 'win32' ? 'buf.exe' : 'buf';
  const { path, tried } = resolvePackageFile(`${pkg}/bin/${exe}`);
  if (path) return (cached = path);
  throw schemaError(
    `Compiling .proto files needs the buf compiler from the npm package ${pkg}, but it was not found (looked for ${tried.join(', ')}). Reinstall dependencies (npm install) or set LOUPE_BUF_PATH.`,
  );
}
