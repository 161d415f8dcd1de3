import { create } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import type { ProtoLayout } from './proto-imports';
import { mergeFiles, splitLayout } from './split-layout';

function layoutOf(count: number): ProtoLayout {
  // a/0..a/count-1 each import common.proto; every tenth also imports the one before it.
  const files = new Map<string, string>([['common.proto', '/disk/common.proto']]);
  const imports = new Map<string, string[]>([['common.proto', []]]);
  const targets: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `a/${String(i).padStart(5, '0')}.proto`;
    targets.push(name);
    files.set(name, `/disk/${name}`);
    imports.set(
      name,
      i % 10 === 0 && i > 0 ? ['common.proto', `a/${String(i - 1).padStart(5, '0')}.proto`] : ['common.proto'],
    );
  }
  return { targets, files, roots: ['/disk'], imports, digests: new Map(), stamps: new Map() };
}

describe('splitLayout', () => {
  it('keeps small compiles in one piece', () => {
    const layout = layoutOf(100);
    expect(splitLayout(layout, 2)).toEqual([layout]);
    expect(splitLayout(layoutOf(3000), 1)).toHaveLength(1);
  });

  it('splits big ones into parts that each hold all their imports, covering every input once', () => {
    const layout = layoutOf(3000);
    const parts = splitLayout(layout, 2);
    expect(parts).toHaveLength(2);
    expect(parts.flatMap((p) => p.targets).sort()).toEqual([...layout.targets].sort());
    for (const part of parts) {
      for (const name of part.files.keys())
        for (const dep of layout.imports.get(name) ?? []) expect(part.files.has(dep)).toBe(true);
      expect(part.files.get('common.proto')).toBe('/disk/common.proto');
    }
  });
});

describe('mergeFiles', () => {
  it('keeps one descriptor per file, in an order where imports come first', () => {
    const f = (name: string, ...dependency: string[]) => create(FileDescriptorProtoSchema, { name, dependency });
    const merged = mergeFiles([
      [f('common.proto'), f('a.proto', 'common.proto')],
      [f('common.proto'), f('a.proto', 'common.proto'), f('b.proto', 'a.proto')],
    ]);
    expect(merged.map((x) => x.name)).toEqual(['common.proto', 'a.proto', 'b.proto']);
  });
});
