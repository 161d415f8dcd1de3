import { spawn } from 'node:child_process';
import type { AuthHost } from '../core/auth';

/** The command that opens a URL in the desktop's browser, where there is a desktop. */
function browserCommand(env: NodeJS.ProcessEnv): [string, string[]] | undefined {
  if (process.platform === 'darwin') return ['open', []];
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""']];
  // A server or a CI runner has no display: printing the URL is all there is to do.
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return ['xdg-open', []];
  return undefined;
}

/**
 * How `loupe` asks for a sign-in: the URL (and the device code) on stderr, so stdout stays the
 * call's output, and the browser opened where one exists. LOUPE_NO_BROWSER=1 only prints.
 */
export function cliAuthHost(stderr: { write(text: string): unknown }, env: NodeJS.ProcessEnv = process.env): AuthHost {
  return {
    openUrl(url, purpose) {
      stderr.write(
        purpose.flow === 'device-code'
          ? `loupe: to sign in, open ${url} and enter the code ${purpose.userCode}\n`
          : `loupe: to sign in, open ${url}\n`,
      );
      const command = env.LOUPE_NO_BROWSER ? undefined : browserCommand(env);
      if (!command) return;
      const [file, args] = command;
      const child = spawn(file, [...args, url], { detached: true, stdio: 'ignore' });
      child.on('error', () => undefined); // no opener installed: the printed URL is enough
      child.unref();
    },
  };
}
