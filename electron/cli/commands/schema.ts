import { buildTarget, parseHeaders, parseMaxTime, type ConnectionFlags } from '../options';
import { Session, type CliIo } from '../session';
import { AppError } from '../../../shared/model/errors';

/** `loupe list`: services, or one service's methods, one fully-qualified name a line. */
export async function runList(address: string, service: string | undefined, flags: ConnectionFlags, io: CliIo): Promise<number> {
  const session = new Session(buildTarget(address, flags));
  try {
    const schema = await session.schema(parseHeaders(flags.header), parseMaxTime(flags));
    const services = schema.services();
    if (!service) {
      for (const s of [...services].sort((a, b) => a.fullName.localeCompare(b.fullName))) io.stdout.write(`${s.fullName}\n`);
      return 0;
    }
    const wanted = service.replace(/^\./, '');
    const found = services.find((s) => s.fullName === wanted);
    if (!found) throw new AppError('NOT_FOUND', `No service '${service}' (found: ${services.map((s) => s.fullName).join(', ') || 'none'})`);
    for (const m of found.methods) io.stdout.write(`${m.fullName}\n`);
    return 0;
  } finally {
    session.close();
  }
}

/** `loupe describe`: a proto-like description of any symbol. */
export async function runDescribe(address: string, symbol: string, flags: ConnectionFlags, io: CliIo): Promise<number> {
  const session = new Session(buildTarget(address, flags));
  try {
    const schema = await session.schema(parseHeaders(flags.header), parseMaxTime(flags));
    // The schema engine's description starts with grpcurl's "<name> is a <kind>:" line.
    io.stdout.write(schema.describe(symbol).replace(/\n?$/, '\n'));
    return 0;
  } finally {
    session.close();
  }
}
