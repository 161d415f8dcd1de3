import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { compileProtoFiles } from './compile-protos';
import { googleProtosRoot } from './package-paths';
import { SchemaRegistry } from './registry';

/**
 * All of googleapis as shipped in google-proto-files, in one buf invocation. protobuf's own
 * internal test protos under google/protobuf/ (which import files the package does not ship)
 * are left out; the well-known types still come in through imports.
 */
describe('googleapis', () => {
  it('compiles and links every file of google-proto-files', async () => {
    const root = googleProtosRoot()!;
    const files = execFileSync('find', ['google', '-name', '*.proto', '-not', '-path', 'google/protobuf/*'], {
      cwd: root,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .sort();
    expect(files.length).toBeGreaterThan(7000);
    const t0 = performance.now();
    const descriptors = await compileProtoFiles(files, [root]);
    const t1 = performance.now();
    const registry = SchemaRegistry.fromFiles(descriptors, ['googleapis']);
    const t2 = performance.now();
    console.log(
      `googleapis: ${files.length} inputs -> ${descriptors.length} files; compile ${Math.round(t1 - t0)} ms, link ${Math.round(t2 - t1)} ms, ${registry.services().length} services`,
    );
    const names = new Set(descriptors.map((f) => f.name));
    for (const f of files) expect(names.has(f), f).toBe(true);
    expect(registry.method('google.longrunning.Operations/GetOperation').output.typeName).toBe(
      'google.longrunning.Operation',
    );
    expect(registry.services().length).toBeGreaterThan(1500);
    expect(registry.message('google.type.Date').fields.map((f) => f.name)).toEqual(['year', 'month', 'day']);
  }, 180_000);
});
