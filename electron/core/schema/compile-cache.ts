import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { ServiceInfo } from '../../../shared/model';
import { asciiJson } from '../fs/ascii-json';
import { writeFileAtomic } from '../fs/atomic-write';
import { FILE_KINDS, readUserFile, readUserText } from '../fs/read-user-file';
import { fromParts, type CompiledSchema } from './compiled-schema';
import { openSliced, sliceDigest, slicesFit, type Slice, type SlicedFile } from './cache-slices';
import { decodeFile, encodeFile } from './lazy-source-info';
import type { IndexedFile } from './schema-index';
import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { absenceTest, locateInRoots, sameStamp, stampFile, trusted, type FileStamp } from './file-stamp';
import { contentDigest, isFile, mapLimited, type ProtoLayout } from './proto-imports';

/**
 * A content-addressed cache of compiled descriptors in the data folder, so loading unchanged
 * .proto files again skips the compiler (all of googleapis: seconds of buf, then decoding its
 * image with source info).
 *
 * Three files per entry:
 * - `compiled-<request>.json`, the manifest, found from what was asked (inputs, import paths,
 *   folder, compiler): the roots, the targets and every file compiled with the file on disk it
 *   came from and the SHA-256 of its bytes; and what a schema needs before linking any file
 *   (compiled-schema.ts): the files in dependency order, the names each defines, the service
 *   tree with its comments, where each file's descriptor lies in the image;
 * - `compiled-<content>.binpb`, the FileDescriptorSet without source info, named by the hash of
 *   that whole manifest: every file's content, every path, the compiler; each file is read and
 *   decoded when the lazy registry first links it (lazy-registry.ts), so a reload decodes none;
 * - `compiled-<content>.sci`, each file's source info, read and decoded when first asked for
 *   (lazy-source-info.ts). Neither is read whole: each file's part is checked against its own
 *   digest as it is read (cache-slices.ts); a damaged part removes the entry.
 * An entry is used only when every file still resolves to the same file on disk (no new file
 * shadows it in an earlier import path) with the same bytes, and both files have the sizes recorded;
 * a file whose stamp (size, times, inode: file-stamp.ts) is the one recorded is known to hold the
 * same bytes without reading it (all of googleapis: 7,198 reads and hashes saved on a reload);
 * anything else (an edit, a moved import path, a corrupt or half-written file) is a miss, and the
 * files are compiled and the entry rewritten. A cache never fails a load.
 */

/** Bump when what is stored (or how descriptors are post-processed before storing) changes. */
const FORMAT = 5;
/** Bounds of the folder's compile entries; the least recently used go first. */
export const COMPILE_CACHE_LIMITS = { entries: 16, bytes: 512 * 1024 * 1024 };

export interface CompileRequest {
  inputs: string[];
  importPaths: string[];
  baseDir: string;
  /** What compiles (compilerIdentity()): another compiler may describe the same files differently. */
  compiler: string;
  /** The bundled googleapis root, searched last: another installation is another request. */
  bundledRoot?: string;
}

interface Manifest {
  format: typeof FORMAT;
  request: string;
  /** Per input: was it a file at baseDir/input (not a name in the import paths)? */
  inputIsFile: boolean[];
  roots: string[];
  targets: string[];
  /** [virtual name, file on disk, SHA-256 of its bytes, stamp before reading] for every file compiled. */
  files: [string, string, string, FileStamp | null][];
  /** When the stamps were recorded (Date.now()): stamps this recent are not trusted. */
  recordedAt: number;
  image: { bytes: number };
  /** Each file's source info: where it lies in the .sci file, and its digest (length 0: none). */
  sourceInfo: { bytes: number; index: Slice[] };
  /** The compiled schema's parts, per file in dependency order (compiled-schema.ts). */
  schema: {
    names: string[];
    /** Where each file's encoded descriptor lies in the image, and its digest. */
    offsets: Slice[];
    index: IndexedFile[];
    services: ServiceInfo[];
    lossy: string[];
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const MANIFEST = /^compiled-([0-9a-f]{32})\.json$/;
const IMAGE = /^compiled-([0-9a-f]{32})\.(?:binpb|sci)$/;

function requestKey(req: CompileRequest): string {
  const abs = (p: string) => resolve(req.baseDir, p);
  return sha256(
    JSON.stringify([
      FORMAT,
      req.compiler,
      req.bundledRoot ?? '',
      req.baseDir,
      req.inputs.map(abs),
      req.importPaths.map(abs),
    ]),
  ).slice(0, 32);
}

/** The descriptors' name: what was compiled, by content and path (not stamps, which say nothing of it). */
function contentKey(m: Omit<Manifest, 'image' | 'sourceInfo' | 'recordedAt' | 'schema'>): string {
  const files = m.files.map(([name, disk, digest]) => [name, disk, digest]);
  return sha256(JSON.stringify([FORMAT, m.request, m.inputIsFile, m.roots, m.targets, files])).slice(0, 32);
}

const manifestPath = (dir: string, request: string) => join(dir, `compiled-${request}.json`);
const imagePath = (dir: string, content: string) => join(dir, `compiled-${content}.binpb`);
const sourceInfoPath = (dir: string, content: string) => join(dir, `compiled-${content}.sci`);

/** The file opened for reading parts when it has the size the manifest records, else undefined. */
async function openChecked(path: string, bytes: number, onDamage: () => void): Promise<SlicedFile | undefined> {
  const file = await openSliced(path, onDamage);
  return file.size === bytes ? file : undefined;
}

async function inputsAreFiles(req: CompileRequest): Promise<boolean[]> {
  const absent = await absenceTest(req.baseDir);
  return mapLimited(req.inputs, 64, (input) =>
    absent(input) ? Promise.resolve(false) : isFile(resolve(req.baseDir, input)),
  );
}

/** The cached schema of these inputs, or undefined when there is none still valid. */
export async function readCompileCache(dir: string, req: CompileRequest): Promise<CompiledSchema | undefined> {
  try {
    const request = requestKey(req);
    // What the inputs are is looked up while the manifest is read, and the descriptors are read
    // and checked while the files' stamps are: on a hit, the usual case, none waits for another.
    const [text, inputIsFile] = await Promise.all([
      readUserText(manifestPath(dir, request), FILE_KINDS.appData),
      inputsAreFiles(req),
    ]);
    const m = JSON.parse(text) as Manifest;
    if (m.format !== FORMAT || m.request !== request || !Array.isArray(m.files)) return undefined;
    if (inputIsFile.some((f, i) => f !== m.inputIsFile[i])) return undefined;
    const content = contentKey(m);
    // A damaged part is found only once the schema is in use, by a synchronous read: the entry
    // goes at once, so the next load (compileProtoFiles' retry) compiles.
    const forget = () => {
      try {
        rmSync(manifestPath(dir, request), { force: true });
      } catch {
        // Not removable: its parts are checked again on every read all the same.
      }
    };
    const descriptors = Promise.all([
      openChecked(imagePath(dir, content), m.image.bytes, forget),
      openChecked(sourceInfoPath(dir, content), m.sourceInfo.bytes, forget),
    ]);
    descriptors.catch(() => undefined); // a miss below returns without them
    const unchanged = await mapLimited(m.files, 64, async ([name, disk, digest, stamp]) => {
      const found = await locateInRoots(name, m.roots);
      if (found?.path !== disk) return false;
      if (trusted(stamp ?? undefined, found.stamp, m.recordedAt)) return true;
      return contentDigest(await readUserFile(disk, FILE_KINDS.proto)) === digest;
    });
    if (!unchanged.every(Boolean)) return undefined;
    const [image, sourceInfo] = await descriptors;
    if (!image || !sourceInfo) return undefined;
    const compiled = cachedSchema(m, image, sourceInfo);
    // Recently used: pruning goes by modification time.
    const now = new Date();
    const used = [manifestPath(dir, request), imagePath(dir, content), sourceInfoPath(dir, content)];
    await Promise.all(used.map((p) => utimes(p, now, now).catch(() => undefined)));
    return compiled;
  } catch {
    return undefined;
  }
}

/** A cached descriptor failed its digest when read: the entry is removed, a load compiles again. */
export class DamagedCacheEntry extends Error {
  constructor(file: string) {
    super(`The schema cache's copy of ${file} is damaged and was removed; load the schema again.`);
  }
}

/**
 * The schema an entry holds, each file decoded (with its source info attached lazily) when first
 * asked for. A manifest whose parts disagree with its image is no entry (a miss, never a crash).
 */
function cachedSchema(m: Manifest, image: SlicedFile, sourceInfo: SlicedFile): CompiledSchema {
  const { names, offsets, index, services, lossy } = m.schema;
  const n = names.length;
  if (offsets.length !== n || index.length !== n || m.sourceInfo.index.length !== n)
    throw new Error('inconsistent entry');
  if (!slicesFit(offsets, image.size) || !slicesFit(m.sourceInfo.index, sourceInfo.size))
    throw new Error('a part outside its file');
  const position = new Map(names.map((name, i) => [name, i]));
  return fromParts(names, index, services, new Set(lossy), (name) => {
    const i = position.get(name)!;
    const bare = image.read(offsets[i]!);
    if (!bare) throw new DamagedCacheEntry(name);
    const info = m.sourceInfo.index[i]!;
    // Comments missing from a damaged part are missing, never wrong (and the entry is gone).
    return decodeFile({ bare, sourceInfo: info[1] === 0 ? new Uint8Array(0) : () => sourceInfo.read(info) });
  });
}

/**
 * Each file's descriptor as one FileDescriptorSet (still a valid protoset) and the source info
 * apart, with where each file's part lies in either.
 */
function encodeEntry(files: FileDescriptorProto[]) {
  const image: Uint8Array[] = [];
  const info: Uint8Array[] = [];
  const offsets: Slice[] = [];
  const infoIndex: Slice[] = [];
  let offset = 0;
  let infoOffset = 0;
  for (const file of files) {
    const { bare, sourceInfo } = encodeFile(file);
    // FileDescriptorSet.file is field 1, length-delimited: tag 0x0a, then the length as a varint.
    const head = [0x0a];
    for (let v = bare.length; ; v >>>= 7) {
      if (v < 0x80) {
        head.push(v);
        break;
      }
      head.push((v & 0x7f) | 0x80);
    }
    offset += head.length;
    offsets.push([offset, bare.length, sliceDigest(bare)]);
    offset += bare.length;
    image.push(Uint8Array.from(head), bare);
    infoIndex.push([infoOffset, sourceInfo.length, sliceDigest(sourceInfo)]);
    infoOffset += sourceInfo.length;
    info.push(sourceInfo);
  }
  return { bytes: Buffer.concat(image), offsets, blob: Buffer.concat(info), infoIndex };
}

/** Stores what `layout` compiled to, then keeps the folder within COMPILE_CACHE_LIMITS. */
export async function writeCompileCache(
  dir: string,
  req: CompileRequest,
  layout: ProtoLayout,
  compiled: CompiledSchema,
): Promise<void> {
  const entry = {
    format: FORMAT,
    request: requestKey(req),
    inputIsFile: await inputsAreFiles(req),
    roots: layout.roots,
    targets: layout.targets,
    files: [...layout.files].map(([name, disk]): Manifest['files'][number] => [
      name,
      disk,
      layout.digests.get(name)!,
      layout.stamps.get(name) ?? null,
    ]),
    recordedAt: Date.now(),
  } as const;
  if (entry.files.some(([, , digest]) => !digest)) throw new Error('a compiled file has no content digest');
  // A file written while it compiled: what the compiler read may not be what was hashed.
  const now = await mapLimited(entry.files, 64, ([, disk]) => stampFile(disk));
  if (entry.files.some(([, , , stamp], i) => !stamp || !sameStamp(stamp, now[i]))) return;
  const { bytes, offsets, blob, infoIndex: index } = encodeEntry(compiled.files());
  const manifest: Manifest = {
    ...entry,
    image: { bytes: bytes.length },
    sourceInfo: { bytes: blob.length, index },
    schema: {
      names: [...compiled.names],
      offsets,
      index: [...compiled.index],
      services: compiled.services,
      lossy: [...compiled.lossy],
    },
  };
  // The descriptors first, the manifest last: an entry counts only once its manifest exists.
  const content = contentKey(entry);
  await writeFileAtomic(imagePath(dir, content), bytes);
  await writeFileAtomic(sourceInfoPath(dir, content), blob);
  await writeFileAtomic(manifestPath(dir, entry.request), asciiJson(manifest));
  await pruneCompileCache(dir);
}

/**
 * Drops the least recently used manifests beyond the limits, then every image no manifest left
 * names. Run after each write, so the folder never holds more than one entry over its bounds.
 */
export async function pruneCompileCache(dir: string, limits = COMPILE_CACHE_LIMITS): Promise<void> {
  const names = await readdir(dir);
  const manifests = await Promise.all(
    names
      .filter((n) => MANIFEST.test(n))
      .map(async (name) => {
        const path = join(dir, name);
        const info = await stat(path).catch(() => undefined);
        const m = await readUserText(path, FILE_KINDS.appData)
          .then((t) => JSON.parse(t) as Manifest)
          .catch(() => undefined);
        const image = m?.image && contentKey(m);
        return { path, mtime: info?.mtimeMs ?? 0, image, bytes: (m?.image?.bytes ?? 0) + (m?.sourceInfo?.bytes ?? 0) };
      }),
  );
  manifests.sort((a, b) => b.mtime - a.mtime);
  const kept = new Set<string>();
  let total = 0;
  for (const [i, m] of manifests.entries()) {
    const fits = m.image && i < limits.entries && (kept.has(m.image) || total + m.bytes <= limits.bytes);
    if (!fits) {
      await rm(m.path, { force: true });
      continue;
    }
    if (!kept.has(m.image!)) total += m.bytes;
    kept.add(m.image!);
  }
  for (const name of names) {
    const image = IMAGE.exec(name)?.[1];
    if (image && !kept.has(image)) await rm(join(dir, name), { force: true });
  }
}

/** The compiler as the cache tells compilers apart: buf's package version and its binary's size and date. */
export async function compilerIdentity(bufPath: string): Promise<string> {
  const info = await stat(bufPath);
  const version = await readUserText(join(dirname(dirname(bufPath)), 'package.json'), FILE_KINDS.appData)
    .then((t) => String((JSON.parse(t) as { version?: unknown }).version))
    .catch(() => 'unknown');
  return `buf ${version} ${info.size} ${Math.round(info.mtimeMs)}`;
}
