import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { SourceLocation } from '../../../shared/model';
import { lineColumn } from '../../../shared/text';
import { errorMessage, schemaError } from './errors';
import { bundledProtos } from './package-paths';
import { FILE_KINDS, notAFile, readUserFile } from '../fs/read-user-file';
import { absenceTest, stampFile, type FileStamp } from './file-stamp';
import { stripBom } from '../../../shared/text';

/** Label used in messages for the root of the googleapis protos Loupe bundles. */
export const BUNDLED_GOOGLE_ROOT = '(bundled googleapis protos)';

/** What Loupe bundles of googleapis (scripts/lib/bundled-protos.mjs), as a missing import's error says it. */
export const BUNDLED_GOOGLEAPIS =
  'google/api, google/rpc, google/type, google/longrunning and the well-known types in google/protobuf';

export interface ProtoLayout {
  /** Virtual names (as imports spell them) of the files the user asked for. */
  targets: string[];
  /** Every file the targets need, virtual name -> file on disk. */
  files: Map<string, string>;
  /** Import roots in search order (the user's, then implicit ones, then the bundled googleapis). */
  roots: string[];
  /** Each file's imports, by virtual name. */
  imports: Map<string, string[]>;
  /** Each file's content as read (SHA-256 of its bytes), by virtual name: the compile cache's key. */
  digests: Map<string, string>;
  /** Each file's stamp, taken before it was read (file-stamp.ts), by virtual name. */
  stamps: Map<string, FileStamp>;
}

/** The SHA-256 of a file's bytes, as the compile cache records it. */
export const contentDigest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface ImportStatement {
  name: string;
  line: number;
  column: number;
}

/**
 * Works out, like protoc, which file on disk every import means, before anything is compiled:
 * the first import path that has a file wins, the bundled googleapis protos come last, and a
 * missing import is reported with every place we looked. Doing this ourselves (instead of
 * handing buf all import paths as modules) keeps protoc's precedence rules, lets the same file
 * exist in several roots, and means only the files actually needed are compiled.
 */
export async function resolveProtoLayout(
  inputs: string[],
  importPaths: string[],
  baseDir = process.cwd(),
): Promise<ProtoLayout> {
  if (inputs.length === 0) throw schemaError('No .proto files were given to compile.');
  const userRoots = importPaths.map((p) => resolve(baseDir, p));
  const implicitRoots: string[] = [];
  const targets: string[] = [];
  const files = new Map<string, string>();

  const absent = await absenceTest(baseDir);
  for (const input of inputs) {
    const abs = resolve(baseDir, input);
    // A folder, FIFO or device named as an input is that, not "no such file".
    const wrong = absent(input) ? undefined : await stat(abs).then(notAFile, () => undefined);
    if (wrong) throw schemaError(`Cannot read ${input}: ${wrong.why}.`, [{ file: abs }]);
    if (!absent(input) && (await isFile(abs))) {
      let root = [...userRoots, ...implicitRoots].find((r) => isInside(abs, r));
      if (!root) {
        // protoc refuses files outside every -I; a desktop user who picked one file expects it to
        // just work, so its own directory becomes an import root (after the explicit ones).
        root = resolve(abs, '..');
        implicitRoots.push(root);
      }
      const name = toVirtual(relative(root, abs));
      const shadow = await findInRoots(name, [...userRoots, ...implicitRoots]);
      if (shadow && shadow !== abs) {
        throw schemaError(
          `${input} is shadowed in the import paths by ${shadow}: both are "${name}". Use that file as the input, or reorder the import paths so that ${root} comes first.`,
          [{ file: abs }],
        );
      }
      addTarget(name, abs);
    } else {
      // Like protoc, an input may also be a name relative to an import path.
      const found = await findInRoots(toVirtual(input), userRoots);
      if (!found) {
        throw schemaError(
          `Cannot read ${input}: no such file in ${baseDir}${userRoots.length ? ` or in the import paths ${userRoots.join(', ')}` : ''}.`,
          [{ file: abs }],
        );
      }
      addTarget(toVirtual(input), found);
    }
  }

  const google = bundledProtos();
  const explicit = [...new Set([...userRoots, ...implicitRoots])];
  const bundled = google.root && !explicit.includes(google.root) ? [google.root] : [];
  const roots = [...explicit, ...bundled];
  const searched = [...explicit, ...bundled.map((g) => `${g} ${BUNDLED_GOOGLE_ROOT}`)];

  // Read and resolve in waves (all files of a wave in parallel: googleapis has ~7,000), then
  // look for cycles in memory. Files are visited in a stable order so errors are deterministic.
  const importsOf = new Map<string, string[]>();
  const digests = new Map<string, string>();
  const stamps = new Map<string, FileStamp>();
  const found = new Map<string, Promise<string | undefined>>();
  const locate = (name: string) => {
    let p = found.get(name);
    if (!p) found.set(name, (p = findInRoots(name, roots)));
    return p;
  };
  let wave = [...targets];
  while (wave.length > 0) {
    const results = await mapLimited(wave, 64, async (name) => ({
      name,
      ...(await readImports(files.get(name)!)),
    }));
    const next: string[] = [];
    for (const { name, imports, digest, stamp } of results) {
      digests.set(name, digest);
      if (stamp) stamps.set(name, stamp);
      const disk = files.get(name)!;
      const hits = await Promise.all(
        imports.map((imp) => (files.has(imp.name) ? Promise.resolve(files.get(imp.name)) : locate(imp.name))),
      );
      imports.forEach((imp, i) => {
        const hit = hits[i];
        if (!hit) {
          const where: SourceLocation = { file: disk, line: imp.line, column: imp.column };
          throw schemaError(
            `${disk}:${imp.line}:${imp.column}: import "${imp.name}" was not found.${unbundledHint(imp.name, google)} Searched: ${searched.join(', ')}.`,
            [where],
            { import: imp.name, searched },
          );
        }
        if (!files.has(imp.name)) {
          files.set(imp.name, hit);
          next.push(imp.name);
        }
      });
      importsOf.set(
        name,
        imports.map((imp) => imp.name),
      );
    }
    wave = next;
  }

  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, chain: string[]): void => {
    const s = state.get(name);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...chain.slice(chain.indexOf(name)), name];
      throw schemaError(
        `Import cycle: ${cycle.join(' -> ')}.`,
        cycle.slice(0, -1).map((n) => ({ file: files.get(n) ?? n })),
      );
    }
    state.set(name, 'visiting');
    for (const dep of importsOf.get(name) ?? []) visit(dep, [...chain, name]);
    state.set(name, 'done');
  };
  for (const t of targets) visit(t, []);
  return { targets, files, roots, imports: importsOf, digests, stamps };

  function addTarget(name: string, disk: string): void {
    const existing = files.get(name);
    if (existing && existing !== disk) {
      throw schemaError(`Two inputs have the same import name "${name}": ${existing} and ${disk}.`, [
        { file: existing },
        { file: disk },
      ]);
    }
    if (!existing) targets.push(name);
    files.set(name, disk);
  }
}

/**
 * Why an import of googleapis is missing, and what to do: Loupe bundles only the protos most
 * services import (the rest of googleapis is ~80 MB of Cloud and Ads APIs), so any other is the
 * user's explicit choice of a googleapis folder among the import paths.
 */
function unbundledHint(name: string, google: { root?: string; expected: string }): string {
  if (!name.startsWith('google/')) return '';
  if (!google.root) {
    return ` Loupe's bundled googleapis protos are missing from this installation (expected in ${google.expected}): in a clone, run npm run build; otherwise reinstall Loupe.`;
  }
  return (
    ` Loupe bundles only the common googleapis protos (${BUNDLED_GOOGLEAPIS}), not Google Cloud's, Ads' or other service APIs.` +
    ` To import other googleapis files, add a folder that holds them to the import paths, e.g. a clone of https://github.com/googleapis/googleapis` +
    ` (Import paths in the connection settings or a workspace target's importPaths; -I or --import-path on the command line).`
  );
}

/**
 * The import statements of a .proto file. Comments and strings are skipped properly so a
 * commented-out import is not followed; syntax errors are left to the compiler.
 */
export function parseImports(text: string): ImportStatement[] {
  return importsIn(blankComments(text));
}

function importsIn(code: string): ImportStatement[] {
  const out: ImportStatement[] = [];
  const re = /(^|[;\s}])import\s+(?:(?:public|weak)\s+)?("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')\s*;/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const offset = m.index + m[1]!.length;
    out.push({ name: m[2]!.slice(1, -1), ...lineColumn(code, offset) });
  }
  return out;
}

/**
 * protoc's rule: outside comments and string literals a .proto file holds printable ASCII and
 * whitespace only. buf (1.75) compiles many binary files to an empty schema without a word, so
 * this is checked here, before buf runs. A leading byte order mark is allowed, as protoc does.
 * Takes text with comments blanked; positions are 1-based like compilers print them.
 */
function findNonText(code: string): { line: number; column: number; what: string } | undefined {
  const bad = /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|[^\t\n\v\f\r\x20-\x7e]/g;
  for (let m = bad.exec(code); m; m = bad.exec(code)) {
    if (m[1] !== undefined) continue; // a string literal: protoc takes any bytes there
    const char = String.fromCodePoint(code.codePointAt(m.index)!);
    if (m.index === 0 && char === '\ufeff') continue;
    const { line, column } = lineColumn(code, m.index);
    const hex = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    const what =
      char === '\ufffd'
        ? 'a byte that is not UTF-8'
        : char < ' ' || char === '\x7f'
          ? `control character ${hex}`
          : `non-ASCII character '${char}' (${hex})`;
    return { line, column, what };
  }
  return undefined;
}

/** Replaces comments with spaces (newlines kept) so offsets still match the original text. */
function blankComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      let j = i;
      while (j < text.length && text[j] !== '\n') j++;
      out += ' '.repeat(j - i);
      i = j;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const j = end < 0 ? text.length : end + 2;
      out += text.slice(i, j).replace(/[^\n]/g, ' ');
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Promise.all with at most `limit` in flight: thousands of parallel opens hit EMFILE on macOS. */
export async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The imports of a .proto file on disk, once it is known to be text (see findNonText), and its digest. */
async function readImports(
  disk: string,
): Promise<{ imports: ImportStatement[]; digest: string; stamp: FileStamp | undefined }> {
  // Before reading: a write after this shows in a later stamp, never behind an old one.
  const stamp = await stampFile(disk);
  let bytes: Buffer;
  try {
    bytes = await readUserFile(disk, FILE_KINDS.proto);
  } catch (err) {
    throw schemaError(errorMessage(err), [{ file: disk }]);
  }
  const text = stripBom(bytes.toString('utf8'));
  const code = blankComments(text);
  const misplaced = findNonText(code);
  if (misplaced) {
    const { line, column, what } = misplaced;
    throw schemaError(
      `${disk}:${line}:${column}: ${what} outside a comment or string: a .proto file is text (is this really one?)`,
      [{ file: disk, line, column }],
    );
  }
  return { imports: importsIn(code), digest: contentDigest(bytes), stamp };
}

/** The first root (in search order) holding `name`, as protoc resolves an import. */
export async function findInRoots(name: string, roots: string[]): Promise<string | undefined> {
  for (const root of roots) {
    const candidate = resolve(root, name);
    if (await isFile(candidate)) return candidate;
  }
  return undefined;
}

export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function isInside(file: string, dir: string): boolean {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function toVirtual(p: string): string {
  return p.split(sep).join('/').replace(/^\.\//, '');
}
