import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { FileDescriptorSetSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { ReflectionVersion } from './reflection-client';
import { writeFileAtomic } from '../fs/atomic-write';
import { FILE_KINDS, readUserFile, readUserText } from '../fs/read-user-file';
import { splitImage } from './image-split';
import { decodeFile } from './lazy-source-info';

/**
 * A small on-disk cache of what reflection returned per target, so reopening a target shows its
 * services at once (with the age of what is shown) while a refresh goes to the server.
 * Two files per target: <hash>.binpb (the FileDescriptorSet) and <hash>.json (metadata), written
 * via rename so a crash never leaves a half-written entry that looks valid.
 */
export interface CachedReflection {
  key: string;
  fetchedAt: number;
  version: ReflectionVersion;
  services: string[];
  files: FileDescriptorProto[];
}

/** What is written: the files as the server encoded them, when known (encoding them again costs as much as reading them). */
export type ReflectionToCache = Omit<CachedReflection, 'files'> & {
  files: FileDescriptorProto[] | { encoded: Uint8Array[] };
};

interface CacheMeta {
  format: 2;
  /**
   * The key's SHA-256, not the key: a target's address or authority may come from a secret
   * variable, and no file may hold a secret's value.
   */
  keyHash: string;
  fetchedAt: number;
  version: ReflectionVersion;
  services: string[];
}

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

function entryPath(dir: string, key: string): string {
  return join(dir, `reflection-${hashOf(key).slice(0, 32)}`);
}

/** The cached entry, or undefined when there is none or it is unreadable (a cache never fails a load). */
export async function readReflectionCache(dir: string, key: string): Promise<CachedReflection | undefined> {
  const base = entryPath(dir, key);
  try {
    const meta = JSON.parse(await readUserText(`${base}.json`, FILE_KINDS.appData)) as CacheMeta;
    if (meta.format !== 2 || meta.keyHash !== hashOf(key)) return undefined;
    // Each file's source info is decoded when a comment is first read, as on the first load.
    const files = splitImage(await readUserFile(`${base}.binpb`, FILE_KINDS.protoset)).map(decodeFile);
    return { key, fetchedAt: meta.fetchedAt, version: meta.version, services: meta.services, files };
  } catch {
    return undefined;
  }
}

export async function writeReflectionCache(dir: string, entry: ReflectionToCache): Promise<void> {
  await mkdir(dir, { recursive: true });
  const base = entryPath(dir, entry.key);
  const meta: CacheMeta = {
    format: 2,
    keyHash: hashOf(entry.key),
    fetchedAt: entry.fetchedAt,
    version: entry.version,
    services: entry.services,
  };
  // Descriptors first, metadata last: an entry only counts once its metadata exists.
  await writeFileAtomic(`${base}.binpb`, encodeSet(entry.files));
  await writeFileAtomic(`${base}.json`, JSON.stringify(meta));
}

/** A FileDescriptorSet: field 1 (file) once per file, each file's bytes as given or encoded here. */
function encodeSet(files: ReflectionToCache['files']): Uint8Array {
  if (Array.isArray(files)) return toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: files }));
  const writer = new BinaryWriter();
  for (const file of files.encoded) writer.tag(1, WireType.LengthDelimited).bytes(file);
  return writer.finish();
}
