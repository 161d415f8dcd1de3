import { proxiedFetch } from '../core/net/proxied-fetch';
import type { TargetSettings } from '../../shared/model/target';
import { CallRunner, ChannelPool, toGrpcMetadata } from '../core/calls';
import { loadTargetSchema } from '../core/handlers/load-target-schema';
import type { MetadataEntry } from '../../shared/model/call';
import { Authenticator } from '../core/auth/authenticator';
import { refreshTokensIn } from '../core/auth/token-store';
import { userDataDir } from '../core/paths';
import { defaultSecretStore } from '../core/workspace/secrets';
import type { SecretMask } from '../core/workspace/secret-mask';
import { cliAuthHost } from './auth-host';

export interface CliIo {
  stdout: { write(text: string): unknown; once?(event: 'drain', fn: () => void): unknown };
  stderr: { write(text: string): unknown };
  stdin: NodeJS.ReadableStream;
}

/** The engine pieces one CLI command uses, torn down once when the command ends. */
export class Session {
  readonly pool = new ChannelPool();
  readonly engine = new CallRunner(this.pool);
  readonly auth: Authenticator;

  constructor(
    readonly target: TargetSettings,
    stderr: CliIo['stderr'] = process.stderr,
  ) {
    this.auth = new Authenticator({
      host: cliAuthHost(stderr),
      // A user signed in once (here or in the app) is not asked again.
      refreshTokens: refreshTokensIn(defaultSecretStore(userDataDir())),
      // Token endpoints through the proxy the target's calls use (--proxy, HTTPS_PROXY...).
      fetchFor: (t) => proxiedFetch({ target: t.proxy }),
    });
  }

  /**
   * Loads the schema (reflection or local files), asking reflection for `symbols` too. A failure
   * to reach the server is re-diagnosed so the user reads "connection refused" or
   * "self-signed certificate", not a transport dump.
   */
  async schema(metadata: MetadataEntry[], deadlineMs?: number, symbols?: string[]) {
    return loadTargetSchema(this.target, this.pool, {
      metadata: toGrpcMetadata(metadata),
      deadlineMs,
      baseDir: process.cwd(),
      symbols,
      auth: this.auth,
    });
  }

  close(): void {
    this.engine.dispose();
    this.pool.dispose();
  }
}

/** What a command prints, passed through the secret mask (a server may quote a token back). */
export function maskedIo(io: CliIo, mask: SecretMask): CliIo {
  return {
    // Read through, not copied: standard input is built only when a command reads it (main.ts).
    get stdin() {
      return io.stdin;
    },
    stdout: {
      write: (text: string) => io.stdout.write(mask.text(text)),
      ...(io.stdout.once ? { once: io.stdout.once.bind(io.stdout) } : {}),
    },
    stderr: { write: (text: string) => io.stderr.write(mask.text(text)) },
  };
}
