import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/model';
import { compileProtoFiles } from './compile-protos';
import { bundledProtos, googleProtosRoot } from './package-paths';
import { BUNDLED_GOOGLEAPIS, resolveProtoLayout } from './proto-imports';

/*
 * The googleapis protos Loupe ships (dist/protos, written by the build from
 * scripts/lib/bundled-protos.mjs): the common ones resolve with no import path; any other
 * googleapis file is the user's explicit choice of an import path, and its absence says so.
 */

const work = mkdtempSync(join(tmpdir(), 'loupe-bundled-protos-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function protoFile(name: string, text: string): string {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
}

async function compileError(files: string[], importPaths: string[]): Promise<AppError> {
  try {
    await compileProtoFiles(files, importPaths);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected compileProtoFiles to fail');
}

function protoFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.proto')) out.push(join(entry.parentPath, entry.name));
  }
  return out.map((file) => relative(dir, file).split(sep).join('/')).sort();
}

const root = bundledProtos().root;

describe('the bundled googleapis protos', () => {
  it('are where the build puts them', () => {
    expect(root, `no bundled protos in ${bundledProtos().expected}: run npm run build`).toBeDefined();
    expect(root!.split(sep).join('/')).toMatch(/\/dist\/protos$/);
  });

  it('compile a file importing google/type/money.proto and google/api/annotations.proto with no import path', async () => {
    const shop = protoFile(
      'priced.proto',
      [
        'syntax = "proto3";',
        'package priced.v1;',
        'import "google/api/annotations.proto";',
        'import "google/type/money.proto";',
        'message Price { google.type.Money amount = 1; }',
        'service Prices {',
        '  rpc Get(Price) returns (Price) { option (google.api.http) = { get: "/v1/price" }; }',
        '}',
        '',
      ].join('\n'),
    );
    const layout = await resolveProtoLayout([shop], []);
    for (const name of ['google/api/annotations.proto', 'google/api/http.proto', 'google/type/money.proto']) {
      expect(layout.files.get(name)).toBe(join(root!, name));
    }
    expect(layout.files.get('google/protobuf/descriptor.proto')).toBe(join(root!, 'google/protobuf/descriptor.proto'));

    const names = (await compileProtoFiles([shop], [])).map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining(['priced.proto', 'google/api/annotations.proto', 'google/type/money.proto']),
    );
  });

  it('hold every file they import: each compiles from the bundled set alone', async () => {
    const files = protoFilesUnder(root!);
    expect(files.length).toBeGreaterThan(50);
    const compiled = await compileProtoFiles(files, [root!]);
    expect(compiled.map((f) => f.name).sort()).toEqual(files);
  });

  it('hold no Cloud, Ads or other service APIs', () => {
    const files = protoFilesUnder(root!);
    const folders = new Set(files.map((f) => f.split('/').slice(0, 2).join('/')));
    expect([...folders].sort()).toEqual([
      'google/api',
      'google/longrunning',
      'google/protobuf',
      'google/rpc',
      'google/type',
    ]);
    // google/api's subfolders are Google Cloud's own service APIs (servicecontrol, serviceusage...).
    expect(files.filter((f) => /^google\/api\/.*\//.test(f))).toEqual([]);
    // The error for an unbundled import names what is bundled.
    for (const folder of folders) expect(BUNDLED_GOOGLEAPIS).toContain(folder);
  });

  it('a googleapis import that is not bundled fails naming it, the importing line, and the import path to add', async () => {
    const file = protoFile(
      'uses-cloud.proto',
      [
        'syntax = "proto3";',
        'package uses.cloud;',
        'import "google/api/annotations.proto";',
        '// A comment, so the import is on line 5.',
        'import "google/cloud/location/locations.proto";',
        'message M { google.cloud.location.Location where = 1; }',
        '',
      ].join('\n'),
    );
    const err = await compileError([file], []);
    expect(err.code).toBe('SCHEMA');
    expect(err.locations).toEqual([{ file, line: 5, column: 1 }]);
    expect(err.details).toMatchObject({ import: 'google/cloud/location/locations.proto' });
    expect(err.message).toBe(
      `${file}:5:1: import "google/cloud/location/locations.proto" was not found.` +
        ` Loupe bundles only the common googleapis protos (${BUNDLED_GOOGLEAPIS}), not Google Cloud's, Ads' or other service APIs.` +
        ' To import other googleapis files, add a folder that holds them to the import paths, e.g. a clone of https://github.com/googleapis/googleapis' +
        " (Import paths in the connection settings or a workspace target's importPaths; -I or --import-path on the command line)." +
        ` Searched: ${work}, ${root} (bundled googleapis protos).`,
    );
  });

  it('with googleapis among the import paths, the same import compiles: the explicit choice', async () => {
    const googleapis = googleProtosRoot()!;
    const file = join(work, 'uses-cloud.proto');
    const layout = await resolveProtoLayout([file], [googleapis]);
    expect(layout.files.get('google/cloud/location/locations.proto')).toBe(
      join(googleapis, 'google/cloud/location/locations.proto'),
    );
    const names = (await compileProtoFiles([file], [googleapis])).map((f) => f.name);
    expect(names).toContain('google/cloud/location/locations.proto');
  });

  it('a non-googleapis import that is missing gets no googleapis advice', async () => {
    const file = protoFile('other.proto', 'syntax = "proto3";\nimport "acme/money.proto";\n');
    const err = await compileError([file], []);
    expect(err.message).toBe(
      `${file}:2:1: import "acme/money.proto" was not found. Searched: ${work}, ${root} (bundled googleapis protos).`,
    );
  });
});
