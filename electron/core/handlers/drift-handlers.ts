import type { Authenticator } from '../auth';
import { isAbsolute, join, resolve } from 'node:path';
import type { LoupeContract } from '../../../shared/contract';
import { AppError } from '../../../shared/model/errors';
import type { DriftSource } from '../../../shared/model/drift';
import type { Handlers } from '../../../shared/protocol/define';
import type { ChannelPool } from '../calls';
import { compareSchemas } from '../schema/drift';
import { listSnapshots, writeSnapshot } from '../schema/drift/snapshot';
import type { SecretSources } from '../workspace';
import { checkInsideWorkspace } from '../workspace/containment';
import { targetInEnvironment, type CallEnvironment } from './call-environment';
import { loadDriftSide } from './drift-sides';

type DriftMethods = Pick<LoupeContract, 'drift.compare' | 'drift.saveSnapshot' | 'drift.snapshots'>;

/** Where a workspace keeps its snapshots. */
export const SNAPSHOT_FOLDER = 'snapshots';

/** A snapshot's file name from its name: letters, digits, dots, dashes and underscores kept, the rest a dash. */
export function snapshotFileName(name: string): string {
  const base = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+|-+$/g, '');
  return `${base || 'snapshot'}.binpb`;
}

/** The contract's drift entries: compare two schema sources, save and list snapshots. */
export function createDriftHandlers(deps: {
  channels: ChannelPool;
  secrets: SecretSources;
  auth?: Authenticator;
}): Handlers<DriftMethods> {
  /** A side with the environment applied: variables and secrets in a target, paths against the workspace. */
  const resolveSide = async (source: DriftSource, environment: CallEnvironment | undefined) => {
    if (source.kind === 'target')
      return { ...source, target: await targetInEnvironment(source.target, environment, deps.secrets) };
    const paths = source.kind === 'protos' ? [...source.paths, ...source.importPaths] : [source.path];
    const relative = paths.find((p) => !isAbsolute(p));
    if (relative !== undefined && !environment)
      throw new AppError('VALIDATION', `The path ${relative} is relative, and no workspace says to what.`);
    return source;
  };
  const load = async (source: DriftSource, environment: CallEnvironment | undefined) =>
    loadDriftSide(await resolveSide(source, environment), deps.channels, {
      // Without a workspace only a target's own files can be relative: to the engine's folder, as for schema.load.
      baseDir: environment?.root ?? process.cwd(),
      auth: deps.auth,
    });

  return {
    'drift.compare': async ({ base, other, category, environment }) => {
      const a = await load(base, environment);
      const b = await load(other, environment);
      return compareSchemas(a, b, { category });
    },

    'drift.saveSnapshot': async ({ source, name, path, environment }) => {
      const root = environment?.root;
      let file: string;
      if (path !== undefined && isAbsolute(path)) file = path;
      else if (root) {
        file = resolve(root, path ?? join(SNAPSHOT_FOLDER, snapshotFileName(name)));
        await checkInsideWorkspace(root, file);
      } else throw new AppError('VALIDATION', 'Saving a snapshot needs an absolute path or a workspace to save it in.');
      const side = await load(source, environment);
      const info = { name, takenAt: new Date().toISOString(), source: side.label };
      const written = await writeSnapshot(file, side.schema, info);
      return { path: written.binary, info };
    },

    'drift.snapshots': async ({ root }) => listSnapshots(join(root, SNAPSHOT_FOLDER)),
  };
}
