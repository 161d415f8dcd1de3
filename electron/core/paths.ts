import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Loupe keeps its own data (schema cache, history, secrets). Same folder Electron's
 * app.getPath('userData') uses for productName "Loupe", so the desktop app, browser mode and
 * the CLI share one cache. LOUPE_DATA_DIR overrides it (tests, portable installs).
 */
export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.LOUPE_DATA_DIR) return env.LOUPE_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Loupe');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Loupe');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Loupe');
}
