/* Long-running CLI commands (mock, demo) in-process: started, read until ready, then stopped. */
import { Readable } from 'node:stream';
import { runCli } from '../index';
import type { Run } from './test-io';

export interface RunningCommand {
  /** The first host:port the ready line names. */
  address: string;
  stdout: () => string;
  stderr: () => string;
  /** Stops it as SIGINT would and waits for its exit. */
  stop(): Promise<Run>;
}

/** Resolves once stdout holds `ready`, or rejects with what was printed if the command ends first. */
export async function startCommand(argv: string[], ready = /listening on (?:TLS )?(\S+:\d+)/): Promise<RunningCommand> {
  const abort = new AbortController();
  let stdout = '';
  let stderr = '';
  let onReady: (address: string) => void = () => undefined;
  const readyPromise = new Promise<string>((resolve) => (onReady = resolve));
  const exit = runCli(
    argv,
    {
      stdout: {
        write: (s: string) => {
          stdout += s;
          const m = ready.exec(stdout);
          if (m) onReady(m[1]!);
          return true;
        },
      },
      stderr: { write: (s: string) => ((stderr += s), true) },
      stdin: Readable.from([]),
    },
    { signal: abort.signal },
  );
  const ended = exit.then((code) => {
    throw new Error(`loupe ${argv.join(' ')} ended (${code}) before it was ready:\n${stdout}${stderr}`);
  });
  const address = await Promise.race([readyPromise, ended]);
  return {
    address,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop() {
      abort.abort();
      return { code: await exit, stdout, stderr };
    },
  };
}
