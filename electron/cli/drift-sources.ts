import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkAddress } from '../../shared/model/address';
import { AppError } from '../../shared/model/errors';
import type { DriftSource } from '../../shared/model/drift';
import { DESCRIPTOR_SET_FILE } from '../core/schema/drift/snapshot';
import { buildTarget, SOURCE_HELP, usage, type ConnectionFlags } from './options';

/** Flags of `loupe snapshot` and `loupe drift`: a server's connection options, and -I for .proto sides. */
export type SourceFlags = Omit<ConnectionFlags, 'proto' | 'protoset'>;

/**
 * One side named on the command line: a .proto file or a folder of them, a snapshot (any
 * protoset), or else a server address. What exists on disk wins over an address, so a folder
 * named "localhost:50051" is still a folder.
 */
export async function parseSource(spec: string, flags: SourceFlags): Promise<DriftSource> {
  if (spec.trim() === '') throw usage('a schema source is empty');
  const kind = await stat(resolve(spec)).then(
    (s) => (s.isDirectory() ? 'folder' : 'file'),
    () => undefined,
  );
  if (spec.endsWith('.proto') || kind === 'folder') {
    return { kind: 'protos', paths: [spec], importPaths: flags.importPath };
  }
  if (kind === 'file' || DESCRIPTOR_SET_FILE.test(spec)) return { kind: 'snapshot', path: spec };
  // An address is host:port or has a resolver's scheme; anything else with a slash was meant as a path.
  const scheme = /^(dns|unix|ipv4|ipv6|https?|grpcs?):/.test(spec);
  if (!scheme && (/[\\/]/.test(spec) || !spec.includes(':'))) {
    throw new AppError('VALIDATION', `There is no file or folder '${spec}'. A schema source is ${SOURCE_HELP}.`);
  }
  checkAddress(spec);
  return { kind: 'target', target: buildTarget(spec, { ...flags, proto: [], protoset: [] }) };
}
