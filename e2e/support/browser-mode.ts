import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningBrowserMode {
  url: string;
  origin: string;
  token: string;
  demoAddress: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');

/** Starts the real `loupe web` (the built CLI) with a fresh data folder and reads its URL. */
export function startBrowserMode(): Promise<RunningBrowserMode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'loupe-e2e-'));
  const child = spawn(process.execPath, [join(ROOT, 'dist/cli.cjs'), 'web', '--no-open'], {
    env: { ...process.env, LOUPE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`loupe web did not print its URL in 30 s.\n${stdout}${stderr}`)),
      30_000,
    );
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    const check = (): void => {
      const url = stdout.match(/(http:\/\/\S+#token=(\S+))/);
      const demo = stderr.match(/Demo server on (\S+)/);
      if (!url?.[1] || !url[2] || !demo?.[1]) return;
      clearTimeout(timer);
      const parsed = new URL(url[1]);
      resolve({
        url: url[1],
        origin: parsed.origin,
        token: url[2],
        demoAddress: demo[1],
        child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGINT');
          }),
      });
    };
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      check();
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      check();
    });
    child.once('exit', (code) => fail(new Error(`loupe web exited with ${code}.\n${stdout}${stderr}`)));
  });
}
