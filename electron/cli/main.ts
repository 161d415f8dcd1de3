// First: it configures zod before any schema is built.
import './one-shot-zod';
import { runCli } from './index';

/* Entry point bundled to dist/cli.cjs. */

// grpc-js passes an IP address as the TLS server name when dialing an IP, which makes Node print
// DEP0123 on every TLS call to an IP. It is harmless and not the user's doing: keep stderr clean.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning: string | Error, ...rest: unknown[]) => {
  const code = typeof rest[0] === 'object' && rest[0] ? (rest[0] as { code?: string }).code : rest[1];
  if (code === 'DEP0123') return;
  (emitWarning as (...a: unknown[]) => void)(warning, ...rest);
};

// `loupe call ... | head`: the reader went away; stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

// Standard input only when a command reads it: Node builds process.stdin on first access (a
// stream, and the tty or fs stream modules behind it: ~2 ms of every cold command otherwise).
const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  get stdin() {
    return process.stdin;
  },
};

// Exit explicitly (stdin may still hold the event loop open), but only after stdout has flushed,
// so piped output is never cut short.
runCli(process.argv.slice(2), io).then(
  (code) => {
    process.stdout.write('', () => process.exit(code));
  },
  (err: unknown) => {
    process.stderr.write(`loupe: internal error: ${String(err)}\n`);
    process.exit(1);
  },
);
