import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { AppError } from '../../../shared/model/errors';
import type { DriftSource } from '../../../shared/model/drift';
import type { TargetSettings } from '../../../shared/model/target';
import type { Authenticator } from '../auth';
import type { ChannelPool } from '../calls';
import { loadSchema, SchemaRegistry } from '../schema';
import type { DriftInput } from '../schema/drift';
import { readSnapshot, snapshotLabel } from '../schema/drift/snapshot';
import { loadTargetSchema } from './load-target-schema';

export interface DriftSideOptions {
  metadata?: grpc.Metadata;
  deadlineMs?: number;
  /** Relative paths resolve against this (the CLI's working folder, a workspace). */
  baseDir: string;
  /** Adds a target's auth to its reflection. */
  auth?: Authenticator;
}

/** A folder of protos larger than this is more likely a wrong folder (a home, a disk root). */
const MAX_FOLDER_PROTOS = 20_000;

/**
 * Loads one side of a drift comparison, with the label the report names it by. A server is
 * always asked again (no cache): a comparison against yesterday's answer would hide drift.
 */
export async function loadDriftSide(
  source: DriftSource,
  pool: ChannelPool,
  opts: DriftSideOptions,
): Promise<DriftInput> {
  switch (source.kind) {
    case 'target': {
      const schema = await loadTargetSchema(source.target, pool, {
        metadata: opts.metadata,
        deadlineMs: opts.deadlineMs,
        baseDir: opts.baseDir,
        auth: opts.auth,
      });
      return { label: targetLabel(source.target), schema };
    }
    case 'protos': {
      const files: string[] = [];
      const importPaths: string[] = [];
      for (const p of source.paths) {
        const path = resolve(opts.baseDir, p);
        if (await isFolder(path)) {
          const found = await protosUnder(path);
          if (found.length === 0) throw new AppError('VALIDATION', `There are no .proto files in the folder ${p}.`);
          files.push(...found);
          importPaths.push(path);
        } else files.push(path);
      }
      const schema = await loadSchema(
        // The user's import paths first: a file inside one is named as its imports name it.
        { reflection: false, protoFiles: files, importPaths: [...source.importPaths, ...importPaths], protosets: [] },
        { baseDir: opts.baseDir },
      );
      return { label: `protos ${source.paths.join(', ')}`, schema };
    }
    case 'snapshot': {
      const path = resolve(opts.baseDir, source.path);
      const snapshot = await readSnapshot(path);
      const schema = SchemaRegistry.fromFiles(snapshot.files, [snapshotLabel(source.path, snapshot.info)]);
      return { label: snapshotLabel(source.path, snapshot.info), schema };
    }
  }
}

export function targetLabel(target: TargetSettings): string {
  const s = target.schema;
  const parts = [
    ...(s.reflection ? [`reflection ${target.address}`] : []),
    ...s.protoFiles.map((f) => `proto ${f}`),
    ...s.protosets.map((f) => `protoset ${f}`),
  ];
  return parts.join(' + ') || target.address;
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false, // not there: compiling it says so with the import paths tried
  );
}

/** Every .proto file under a folder, sorted, skipping hidden folders and node_modules. */
async function protosUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile() && e.name.endsWith('.proto')) {
        out.push(path);
        if (out.length > MAX_FOLDER_PROTOS)
          throw new AppError(
            'VALIDATION',
            `The folder ${root} holds more than ${MAX_FOLDER_PROTOS} .proto files; name the folder of your API instead.`,
          );
      }
    }
  };
  await walk(root);
  return out;
}
