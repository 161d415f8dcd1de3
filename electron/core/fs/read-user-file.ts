import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../../shared/model/errors';
import { formatSize, stripBom } from '../../../shared/text';

const KiB = 1024;
const MiB = 1024 * KiB;

/** What a file is for, as messages name it, and how large a file of that kind may be. */
export interface FileKind {
  name: string;
  maxBytes: number;
}

/**
 * One limit per kind of file, each far above what a real file of the kind holds, far below what
 * would hurt the engine's memory. The list is here, not at each caller, so they can be compared.
 */
export const FILE_KINDS = {
  // The whole Mozilla root store is ~220 KiB of PEM.
  caBundle: { name: 'CA bundle', maxBytes: 1 * MiB },
  clientCert: { name: 'client certificate', maxBytes: 1 * MiB },
  clientKey: { name: 'client key', maxBytes: 1 * MiB },
  // What `loupe mock` presents to its clients.
  serverCert: { name: 'server certificate', maxBytes: 1 * MiB },
  serverKey: { name: 'server key', maxBytes: 1 * MiB },
  // A PEM private key or a service account's JSON key: a few KiB.
  authKey: { name: 'auth key file', maxBytes: 1 * MiB },
  // All of googleapis with source info is an 83 MB image.
  protoset: { name: 'protoset', maxBytes: 256 * MiB },
  // The largest file in googleapis (compute.proto) is about 3 MB.
  proto: { name: '.proto file', maxBytes: 16 * MiB },
  // `-d @file`: request messages; gRPC servers refuse a message over 4 MiB by default.
  requestData: { name: 'request data file', maxBytes: 64 * MiB },
  // `loupe decode`: one message's bytes, as binary, hexadecimal or base64 (twice the bytes).
  messageBytes: { name: 'message bytes file', maxBytes: 128 * MiB },
  // loupe.workspace.json, saved requests, environments: hand-edited JSON.
  workspaceFile: { name: 'workspace file', maxBytes: 16 * MiB },
  // Workspace scripts and approved snapshots: hand-written code and one response each.
  script: { name: 'script', maxBytes: 1 * MiB },
  approvedSnapshots: { name: 'approved snapshots file', maxBytes: 64 * MiB },
  // Files in the app's own data folder (history, secrets, caches, local state).
  appData: { name: 'data file', maxBytes: 256 * MiB },
  // The readable text beside a drift snapshot: about as large as the snapshot's protoset.
  snapshotText: { name: 'snapshot text', maxBytes: 256 * MiB },
} as const satisfies Record<string, FileKind>;

export type UnreadableReason =
  'not-found' | 'permission' | 'directory' | 'fifo' | 'device' | 'socket' | 'not-a-file' | 'too-large' | 'io';

/** Why a user-named file could not be read; the message names the file, its kind and the cause. */
export class UserFileError extends AppError {
  constructor(
    readonly path: string,
    readonly kind: FileKind,
    readonly reason: UnreadableReason,
    /** The cause alone ("it is a folder, not a file"), for callers that phrase their own message. */
    readonly why: string,
    label = path,
  ) {
    super(
      reason === 'not-found' ? 'NOT_FOUND' : reason === 'io' ? 'UNAVAILABLE' : 'VALIDATION',
      `Cannot read the ${kind.name} ${label}: ${why}`,
      {
        locations: [{ file: path }],
        details: { path, kind: kind.name, reason, ...(reason === 'too-large' ? { maxBytes: kind.maxBytes } : {}) },
      },
    );
  }
}

/**
 * Opening a FIFO that has no writer blocks open(2) itself, which would tie up one of libuv's four
 * file-system threads for good. With O_NONBLOCK open returns at once and fstat tells us what it
 * is. (Windows has neither FIFOs of this kind nor the flag.)
 */
export const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** What is wrong with a path that is not a regular file (a folder, a FIFO...), or undefined. */
export function notAFile(stats: Stats): { reason: UnreadableReason; why: string } | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return { reason: 'directory', why: 'it is a folder, not a file' };
  if (stats.isFIFO()) return { reason: 'fifo', why: 'it is a named pipe (FIFO), not a regular file' };
  if (stats.isCharacterDevice() || stats.isBlockDevice())
    return { reason: 'device', why: 'it is a device, not a regular file' };
  if (stats.isSocket()) return { reason: 'socket', why: 'it is a socket, not a regular file' };
  return { reason: 'not-a-file', why: 'it is not a regular file' };
}

function openError(err: NodeJS.ErrnoException): { reason: UnreadableReason; why: string } {
  switch (err.code) {
    case 'ENOENT':
      return { reason: 'not-found', why: 'no such file' };
    case 'ENOTDIR':
      return { reason: 'not-found', why: 'no such file (a part of the path is not a folder)' };
    case 'EACCES':
    case 'EPERM':
      return { reason: 'permission', why: 'permission denied' };
    case 'EISDIR':
      return { reason: 'directory', why: 'it is a folder, not a file' };
    case 'ENXIO': // open(2) of a socket, or of a FIFO with O_NONBLOCK|O_WRONLY
      return { reason: 'socket', why: 'it is a socket, not a regular file' };
    case 'ELOOP':
      return { reason: 'not-found', why: 'it is a symbolic link that loops' };
    default:
      return { reason: 'io', why: err.message };
  }
}

const tooLarge = (kind: FileKind, size?: number) =>
  `it is ${size === undefined ? 'larger than' : `${formatSize(size)}, over`} the ${formatSize(kind.maxBytes)} limit for a ${kind.name}`;

export interface ReadOptions {
  /** How the file is named in messages (e.g. relative to a workspace); the path by default. */
  label?: string;
}

/**
 * Reads a file Loupe was told to read (by a user, a workspace from git, a command line): never
 * blocks the event loop or a file-system thread, refuses anything but a regular file (checked on
 * the opened handle, so a swap after the check cannot slip through), and stops reading one byte
 * past the limit of its kind, so an endless file (/proc, a growing log) cannot fill memory.
 * This is the only way the engine reads such files; lint forbids the others.
 */
export async function readUserFile(path: string, kind: FileKind, options: ReadOptions = {}): Promise<Buffer> {
  const fail = (f: { reason: UnreadableReason; why: string }) =>
    new UserFileError(path, kind, f.reason, f.why, options.label);
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (err) {
    throw fail(openError(err as NodeJS.ErrnoException));
  }
  try {
    const stats = await handle.stat();
    const wrong = notAFile(stats);
    if (wrong) throw fail(wrong);
    if (stats.size > kind.maxBytes) throw fail({ reason: 'too-large', why: tooLarge(kind, stats.size) });
    return await readBounded(handle, kind, stats.size, fail);
  } catch (err) {
    if (err instanceof UserFileError) throw err;
    throw fail(openError(err as NodeJS.ErrnoException));
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Reads until end of file, the stated size being a hint only (files in /proc say 0). */
async function readBounded(
  handle: FileHandle,
  kind: FileKind,
  size: number,
  fail: (f: { reason: UnreadableReason; why: string }) => Error,
): Promise<Buffer> {
  const cap = kind.maxBytes + 1;
  let buffer = Buffer.allocUnsafe(Math.min(cap, Math.max(size + 1, 64 * KiB)));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (buffer.length >= cap) throw fail({ reason: 'too-large', why: tooLarge(kind) });
      const grown = Buffer.allocUnsafe(Math.min(cap, buffer.length * 2));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  if (length > kind.maxBytes) throw fail({ reason: 'too-large', why: tooLarge(kind) });
  return buffer.subarray(0, length);
}

/** readUserFile as UTF-8 text, without a byte order mark. */
export async function readUserText(path: string, kind: FileKind, options: ReadOptions = {}): Promise<string> {
  return stripBom((await readUserFile(path, kind, options)).toString('utf8'));
}

/**
 * All of a stream (stdin for `-d @-`) as text, refusing more than the kind allows instead of
 * holding an endless pipe in memory.
 */
export async function readStreamText(stream: NodeJS.ReadableStream, label: string, kind: FileKind): Promise<string> {
  return stripBom((await readStreamBytes(stream, label, kind)).toString('utf8'));
}

/** All of a stream as bytes (stdin for `loupe decode`), bounded like readStreamText. */
export async function readStreamBytes(stream: NodeJS.ReadableStream, label: string, kind: FileKind): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    length += bytes.length;
    if (length > kind.maxBytes) {
      throw new AppError(
        'VALIDATION',
        `${label} is larger than the ${formatSize(kind.maxBytes)} limit for a ${kind.name}`,
        { details: { kind: kind.name, maxBytes: kind.maxBytes } },
      );
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
