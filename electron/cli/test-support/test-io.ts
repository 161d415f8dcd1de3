/* In-process IO for CLI tests. */
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../index';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(
  argv: string[],
  stdin: string | Readable = '',
  onStdout?: (all: string) => void,
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const input = typeof stdin === 'string' ? Readable.from(stdin ? [stdin] : []) : stdin;
  const code = await runCli(argv, {
    stdout: {
      write: (s: string) => {
        stdout += s;
        onStdout?.(stdout);
        return true;
      },
    },
    stderr: { write: (s: string) => ((stderr += s), true) },
    stdin: input,
  });
  return { code, stdout, stderr };
}

export { PassThrough };
