import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { create, equals, fromBinary, toBinary } from '@bufbuild/protobuf';
import { BinaryWriter } from '@bufbuild/protobuf/wire';
import {
  FileDescriptorProtoSchema,
  SourceCodeInfo_LocationSchema,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import { compileProtoFiles } from './compile-protos';
import { googleProtosRoot } from './package-paths';
import { commentsFromEncoded, encodedSourceInfo, encodeFile, encodeWholeFile, type Comments } from './lazy-source-info';
import { TESTDATA } from './testdata/oracle';

/**
 * The comments of decoded source info (what commentsFromEncoded must match) at every path one
 * location has: several locations share a path only for file options and extend blocks, which
 * no comment is looked up for.
 */
function decodedComments(file: FileDescriptorProto): Comments {
  const locations = file.sourceCodeInfo?.location ?? [];
  const count = new Map<string, number>();
  for (const loc of locations) count.set(loc.path.join(','), (count.get(loc.path.join(',')) ?? 0) + 1);
  const out: Comments = new Map();
  for (const loc of locations) {
    const path = loc.path.join(',');
    if (count.get(path) !== 1 || !(loc.leadingComments || loc.trailingComments)) continue;
    out.set(path, { leading: loc.leadingComments || undefined, trailing: loc.trailingComments || undefined });
  }
  return out;
}

function uniquePaths(file: FileDescriptorProto, comments: Comments): Comments {
  const out: Comments = new Map();
  for (const [path, c] of comments) {
    const many = (file.sourceCodeInfo?.location ?? []).filter((l) => l.path.join(',') === path).length > 1;
    if (!many && (c.leading || c.trailing))
      out.set(path, { leading: c.leading || undefined, trailing: c.trailing || undefined });
  }
  return out;
}

describe('comments read from encoded source info', () => {
  it('are the comments of the decoded source info, for every file of the corpus and googleapis', async () => {
    const files = [
      ...(await compileProtoFiles(
        ['shop/v1/shop.proto', 'legacy/legacy.proto', 'kitchen/sink.proto'],
        [join(TESTDATA, 'protos'), join(TESTDATA, 'common')],
      )),
      ...(await compileProtoFiles(['google/cloud/speech/v2/cloud_speech.proto'], [googleProtosRoot()!])),
    ];
    let withComments = 0;
    for (const file of files) {
      const expected = decodedComments(file);
      if (expected.size > 0) withComments++;
      expect(uniquePaths(file, commentsFromEncoded(encodeFile(file).sourceInfo)), file.name).toEqual(expected);
    }
    expect(withComments).toBeGreaterThan(5);
  }, 120_000);

  it('reads a path written unpacked, and keeps the last of two locations with one path', () => {
    const location = (path: number[], packed: boolean, leading: string) => {
      const w = new BinaryWriter();
      if (packed) {
        w.tag(1, 2).fork();
        for (const p of path) w.int32(p);
        w.join();
      } else for (const p of path) w.tag(1, 0).int32(p);
      return w.tag(3, 2).string(leading).finish();
    };
    const info = new BinaryWriter()
      .tag(1, 2)
      .bytes(location([4, 0, 2, 1], false, ' first'))
      .tag(1, 2)
      .bytes(location([4, 0, 2, 1], true, ' second'))
      .tag(1, 2)
      .bytes(
        toBinary(
          SourceCodeInfo_LocationSchema,
          create(SourceCodeInfo_LocationSchema, { path: [6, 0], span: [1, 2, 3] }),
        ),
      )
      .finish();
    expect(commentsFromEncoded(info)).toEqual(new Map([['4,0,2,1', { leading: ' second', trailing: undefined }]]));
  });
});

describe('a file put back together for reflection to serve', () => {
  it('holds what the file holds, source info included, and leaves that source info encoded', async () => {
    const files = await compileProtoFiles(
      ['shop/v1/shop.proto', 'kitchen/sink.proto'],
      [join(TESTDATA, 'protos'), join(TESTDATA, 'common')],
    );
    for (const file of files) {
      expect(encodedSourceInfo(file), file.name).toBeDefined();
      const whole = encodeWholeFile(file);
      // Not decoded for it: still pending until a comment or the field itself is read.
      expect(encodedSourceInfo(file), file.name).toBeDefined();
      const served = fromBinary(FileDescriptorProtoSchema, whole);
      expect(served.sourceCodeInfo?.location.length, file.name).toBeGreaterThan(0);
      expect(equals(FileDescriptorProtoSchema, served, file), file.name).toBe(true);
    }
    // A file made any other way is simply encoded.
    const made = create(FileDescriptorProtoSchema, { name: 'made.proto', package: 'made' });
    expect(encodeWholeFile(made)).toEqual(toBinary(FileDescriptorProtoSchema, made));
  });
});
