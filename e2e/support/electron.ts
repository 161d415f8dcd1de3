import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The Electron binary, if this machine has one. Its download needs the internet, which some
 * machines (CI here among them) do not have; then the electron project is skipped, saying why.
 */
export function electronBinary(): { path?: string; reason?: string } {
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      reason: 'the Electron binary was never downloaded on this machine (npm start tries; it needs the internet)',
    };
  }
  const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? { path: binary } : { reason: `the Electron binary is missing at ${binary}` };
}
