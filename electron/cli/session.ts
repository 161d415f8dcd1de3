import { AppError } from '../../shared/model/errors';
import type { TargetSettings } from '../../shared/model/target';
import { CallEngine, ChannelPool, diagnoseConnection, toGrpcMetadata } from '../core/calls';
import { loadSchema } from '../core/schema';
import type { MetadataEntry } from '../../shared/model/call';

export interface CliIo {
  stdout: { write(text: string): unknown; once?(event: 'drain', fn: () => void): unknown };
  stderr: { write(text: string): unknown };
  stdin: NodeJS.ReadableStream;
}

/** The engine pieces one CLI command uses, torn down once when the command ends. */
export class Session {
  readonly pool = new ChannelPool();
  readonly engine = new CallEngine(this.pool);

  constructor(readonly target: TargetSettings) {}

  /**
   * Loads the schema (reflection or local files). A failure to reach the server is re-diagnosed so
   * the user reads "connection refused" or "self-signed certificate", not a transport dump.
   */
  async schema(metadata: MetadataEntry[], deadlineMs?: number) {
    const source = this.target.schema;
    try {
      return await loadSchema(source, {
        client: source.reflection ? this.pool.getClient(this.target) : undefined,
        metadata: toGrpcMetadata(metadata),
        deadlineMs,
        baseDir: process.cwd(),
      });
    } catch (err) {
      if (err instanceof AppError && source.reflection && err.code !== 'VALIDATION' && err.code !== 'NOT_FOUND') {
        const d = await diagnoseConnection(this.target).catch(() => undefined);
        if (d) throw new AppError('UNAVAILABLE', `${d.message}${d.hint ? ` ${d.hint}` : ''}`);
      }
      throw err;
    }
  }

  close(): void {
    this.engine.dispose();
    this.pool.dispose();
  }
}
