import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { clone, create, toBinary } from '@bufbuild/protobuf';
import {
  FileDescriptorProtoSchema,
  FileDescriptorSetSchema,
  type DescriptorProto,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import { writeFileAtomic } from '../../fs/atomic-write';
import { FILE_KINDS, readUserText, UserFileError } from '../../fs/read-user-file';
import { describeFile } from '../describe';
import { schemaError } from '../errors';
import { readProtoset } from '../protoset';
import type { SnapshotFile, SnapshotInfo } from '../../../../shared/model/drift';
import type { SchemaRegistry } from '../registry';

/*
 * A snapshot is two files side by side:
 *   NAME.binpb      the schema as a binary FileDescriptorSet, exactly (custom options, source
 *                   info and all); any protoset reader takes it: Loupe (--protoset), protoc
 *                   (--descriptor_set_in), buf (breaking --against), grpcurl (-protoset).
 *   NAME.binpb.txt  a header (name, date, source) and every file in proto syntax, sorted by file
 *                   name: what a reviewer reads in a git diff. Loupe reads only its header back.
 * Binary rather than one JSON form: descriptors carry custom options as extensions that JSON
 * could only write with their definitions at hand, and tools already read FileDescriptorSets.
 */

export interface Snapshot {
  files: FileDescriptorProto[];
  /** From the text beside it; absent when that is missing (a plain protoset). */
  info?: SnapshotInfo;
}

/** The readable text beside a snapshot file. */
export function snapshotTextPath(path: string): string {
  return `${path}.txt`;
}

/** The snapshot's name when none is given: its file name without the extension. */
export function defaultSnapshotName(path: string): string {
  return basename(path).replace(DESCRIPTOR_SET_FILE, '');
}

const HEADER = /^# Loupe schema snapshot (".*") taken (\S+) from (.*)$/;

export function snapshotText(schema: SchemaRegistry, info: SnapshotInfo, binName: string): string {
  const lines = [
    `# Loupe schema snapshot ${JSON.stringify(info.name)} taken ${info.takenAt} from ${info.source}`,
    `# The schema itself is ${binName} beside this file, a FileDescriptorSet that Loupe, protoc, buf`,
    '# and grpcurl read; this is its readable form, for reviews and diffs.',
    '',
  ];
  const files = [...schema.registry.files].sort((a, b) => compare(a.proto.name, b.proto.name));
  for (const file of files) lines.push(`// ---- ${file.proto.name} ----`, describeFile(file));
  return `${lines.join('\n').replace(/\n*$/, '')}\n`;
}

/**
 * The files as the snapshot stores them: in dependency order with ties broken by name, so the
 * same schema always makes the same bytes (no diff in git); descriptors protobufjs made without
 * the json_name the registry's repair filled in, so that reading the snapshot back recognises
 * them as such again (see madeByProtobufjs).
 */
export function snapshotFiles(schema: SchemaRegistry): FileDescriptorProto[] {
  const byName = new Map(schema.files.map((f) => [f.name, f]));
  const out: FileDescriptorProto[] = [];
  const seen = new Set<string>();
  const visit = (f: FileDescriptorProto) => {
    if (seen.has(f.name)) return;
    seen.add(f.name);
    for (const dep of [...f.dependency].sort(compare)) {
      const d = byName.get(dep);
      if (d) visit(d);
    }
    out.push(schema.lossyFiles.has(f.name) ? asServed(f) : f);
  };
  for (const name of [...byName.keys()].sort(compare)) visit(byName.get(name)!);
  return out;
}

function asServed(f: FileDescriptorProto): FileDescriptorProto {
  const copy = clone(FileDescriptorProtoSchema, f);
  const clear = (m: DescriptorProto) => {
    for (const field of m.field) field.jsonName = '';
    m.nestedType.forEach(clear);
  };
  copy.messageType.forEach(clear);
  return copy;
}

/** Writes NAME.binpb and its text, each atomically; returns both paths. */
export async function writeSnapshot(
  path: string,
  schema: SchemaRegistry,
  info: SnapshotInfo,
): Promise<{ binary: string; text: string }> {
  const set = create(FileDescriptorSetSchema, { file: snapshotFiles(schema) });
  const text = snapshotTextPath(path);
  await writeFileAtomic(path, toBinary(FileDescriptorSetSchema, set));
  await writeFileAtomic(text, snapshotText(schema, info, basename(path)));
  return { binary: path, text };
}

/** Reads a snapshot, or any protoset (then without info). */
export async function readSnapshot(path: string): Promise<Snapshot> {
  const files = await readProtoset(path);
  const info = await readSnapshotInfo(path);
  return info ? { files, info } : { files };
}

/** The header of the text beside a snapshot; undefined when there is none (a plain protoset). */
export async function readSnapshotInfo(path: string): Promise<SnapshotInfo | undefined> {
  let header: string | undefined;
  try {
    header = (await readUserText(snapshotTextPath(path), FILE_KINDS.snapshotText)).split('\n', 1)[0];
  } catch (err) {
    if (err instanceof UserFileError && err.reason === 'not-found') return undefined;
    throw schemaError(`The text beside the snapshot ${path} cannot be read: ${(err as Error).message}`, [
      { file: snapshotTextPath(path) },
    ]);
  }
  const match = HEADER.exec(header ?? '');
  if (!match) return undefined;
  return { name: JSON.parse(match[1]!) as string, takenAt: match[2]!, source: match[3]! };
}

/** Files that hold a FileDescriptorSet, by the names protoc, buf and Loupe give them. */
export const DESCRIPTOR_SET_FILE = /\.(binpb|pb|protoset|desc|bin)$/i;

/** The snapshots in a folder (none when it does not exist), by file name. */
export async function listSnapshots(folder: string): Promise<SnapshotFile[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  const paths = entries
    .filter((e) => e.isFile() && DESCRIPTOR_SET_FILE.test(e.name))
    .map((e) => join(folder, e.name))
    .sort(compare);
  const out: SnapshotFile[] = [];
  for (const path of paths) {
    const info = await readSnapshotInfo(path).catch(() => undefined);
    out.push(info ? { path, info } : { path });
  }
  return out;
}

/** "snapshot prod (2025-06-01)", or the file for a snapshot without its text. */
export function snapshotLabel(path: string, info: SnapshotInfo | undefined): string {
  if (!info) return `protoset ${path}`;
  return `snapshot ${info.name} (${info.takenAt.slice(0, 10)})`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
