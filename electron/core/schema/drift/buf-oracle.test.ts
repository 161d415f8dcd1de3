import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { create, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIFT_CATEGORIES, type DriftReport } from '../../../../shared/model/drift';
import { resolveBufBinary } from '../buf-binary';
import { loadSchema } from '../load-schema';
import type { SchemaRegistry } from '../registry';
import { compareSchemas } from './compare';
import { locate } from './side';
import { protoSource, rulesSource } from './testdata/servers';

// Buf's breaking-change engine as the oracle, as protoc is for descriptors: at each strictness,
// every place `buf breaking` flags between two images (v1 and v2 of the users API; the rules/
// pair of option, default and reservation changes), Loupe's comparison flags too.
// (Loupe finds more: a renumbered enum value, which Buf sees as a deletion; a moved package,
// which Buf sees as a deleted file; removed methods and services at WIRE.)
const run = promisify(execFile);
let dir: string;
const pairs: Record<string, [SchemaRegistry, SchemaRegistry]> = {};

interface BufFinding {
  path: string;
  start_line: number;
  type: string;
  message: string;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loupe-buf-oracle-'));
  pairs.users = [await loadSchema(protoSource('v1')), await loadSchema(protoSource('v2'))];
  pairs.rules = [await loadSchema(rulesSource('a')), await loadSchema(rulesSource('b'))];
  for (const [name, [a, b]] of Object.entries(pairs)) {
    for (const [side, s] of [
      ['base', a],
      ['other', b],
    ] as const) {
      const set = create(FileDescriptorSetSchema, { file: s.files });
      await writeFile(join(dir, `${name}-${side}.binpb`), toBinary(FileDescriptorSetSchema, set));
    }
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function bufBreaking(pair: string, category: string): Promise<BufFinding[]> {
  const config = JSON.stringify({ version: 'v2', breaking: { use: [category] } });
  const args = [
    'breaking',
    `${pair}-other.binpb`,
    '--against',
    `${pair}-base.binpb`,
    '--config',
    config,
    '--error-format',
    'json',
  ];
  const result = await run(resolveBufBinary(), args, {
    cwd: dir,
    env: { ...process.env, BUF_CACHE_DIR: join(dir, 'cache') },
  }).then(
    (r) => r.stdout,
    (err: { code?: number; stdout?: string; stderr?: string }) => {
      if (err.code !== 100) throw new Error(`buf breaking failed (${err.code}): ${err.stderr}`);
      return err.stdout ?? '';
    },
  );
  return result
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as BufFinding);
}

/** Every file:line a report points at on the new side, with the lines of the symbols that enclose them. */
function placesOf(report: DriftReport, other: SchemaRegistry): Set<string> {
  const places = new Set<string>();
  for (const f of report.findings) {
    if (f.kind === 'addition') continue;
    if (f.other?.file) places.add(`${f.other.file}:${f.other.line ?? 1}`);
    if (f.rule === 'FILE_NO_DELETE' && f.base?.file) places.add(`deleted file ${f.base.file}`);
    if (f.rule === 'PACKAGE_MOVED') places.add(`deleted package ${f.subject}`);
    let desc = f.other && other.find(f.other.symbol);
    while (desc && desc.kind !== 'file') {
      const loc = locate(desc);
      places.add(`${loc.file}:${loc.line ?? 1}`);
      desc = 'parent' in desc && desc.parent ? desc.parent : undefined;
    }
  }
  return places;
}

describe('buf breaking as the oracle', () => {
  const cases = ['users', 'rules'].flatMap((pair) => DRIFT_CATEGORIES.map((category) => [pair, category] as const));
  it.each(cases)('%s at %s: Loupe flags every place Buf flags', async (pair, category) => {
    const [base, other] = pairs[pair]!;
    const buf = await bufBreaking(pair, category);
    expect(buf.length).toBeGreaterThan(0);
    const ours = compareSchemas({ label: 'base', schema: base }, { label: 'other', schema: other }, { category });
    const places = placesOf(ours, other);
    const missed = buf.filter((b) => {
      const deleted = /^Previously present (file|package) "([^"]+)" was deleted/.exec(b.message);
      return !places.has(deleted ? `deleted ${deleted[1]} ${deleted[2]}` : `${b.path}:${b.start_line}`);
    });
    expect(missed).toEqual([]);
  });
});
