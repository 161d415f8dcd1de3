import { parseHeaders } from '../../../shared/workspace/connection-flags';
import { parseMaxTime, type ConnectionFlags } from '../options';
import { targetWithAuth, type AuthFlag } from '../auth-flag';
import { Session, type CliIo } from '../session';
import { AppError } from '../../../shared/model/errors';
import type { SchemaRegistry } from '../../core/schema';

/**
 * `loupe list`: services, or one service's methods, one fully-qualified name a line. With
 * reflection the services are those the server lists, as grpcurl prints them (its reflection
 * service included); one it lists but cannot describe is still printed, and makes the exit 1.
 */
export async function runList(
  address: string,
  service: string | undefined,
  flags: ConnectionFlags & AuthFlag,
  io: CliIo,
): Promise<number> {
  const session = new Session(await targetWithAuth(address, flags), io.stderr);
  try {
    const schema = await session.schema(parseHeaders(flags.header), parseMaxTime(flags));
    writeWarnings(schema, io);
    const services = schema.services();
    const described = new Set(services.map((s) => s.fullName));
    const listed = schema.listedServices ?? [...described];
    const undescribed = listed.filter((name) => !described.has(name));
    if (!service) {
      for (const name of [...listed].sort()) io.stdout.write(`${name}\n`);
      if (undescribed.length === 0) return 0;
      io.stderr.write(
        `loupe: ${undescribed.length} of the ${listed.length} services the server listed cannot be described, so their methods cannot be listed or called.\n`,
      );
      return 1;
    }
    const wanted = service.replace(/^\./, '');
    if (undescribed.includes(wanted))
      throw new AppError('SCHEMA', `The server listed ${wanted} but its reflection could not describe it.`);
    const found = services.find((s) => s.fullName === wanted);
    if (!found)
      throw new AppError(
        'NOT_FOUND',
        `No service '${service}' (found: ${services.map((s) => s.fullName).join(', ') || 'none'})`,
      );
    for (const m of found.methods) io.stdout.write(`${m.fullName}\n`);
    return 0;
  } finally {
    session.close();
  }
}

/** `loupe describe`: a proto-like description of any symbol, asking reflection for it when no service leads there. */
export async function runDescribe(
  address: string,
  symbol: string,
  flags: ConnectionFlags & AuthFlag,
  io: CliIo,
): Promise<number> {
  const session = new Session(await targetWithAuth(address, flags), io.stderr);
  try {
    const schema = await session.schema(parseHeaders(flags.header), parseMaxTime(flags), [symbol]);
    writeWarnings(schema, io);
    // The schema engine's description starts with grpcurl's "<name> is a <kind>:" line.
    io.stdout.write(schema.describe(symbol).replace(/\n?$/, '\n'));
    return 0;
  } finally {
    session.close();
  }
}

function writeWarnings(schema: SchemaRegistry, io: CliIo): void {
  for (const warning of schema.warnings) io.stderr.write(`loupe: warning: ${warning}\n`);
}
