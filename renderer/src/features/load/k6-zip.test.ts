import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { k6Zip } from './k6-zip';

describe('the k6 export as one zip', () => {
  it('keeps the folders the script loads its protos from, binary files as bytes', () => {
    const zip = k6Zip([
      { path: 'load-test.js', content: "import grpc from 'k6/net/grpc';", encoding: 'utf8' },
      { path: 'protos/demo/v1/demo.proto', content: 'syntax = "proto3";', encoding: 'utf8' },
      { path: 'schema.protoset', content: Buffer.from([0, 1, 254, 255]).toString('base64'), encoding: 'base64' },
    ]);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['load-test.js', 'protos/demo/v1/demo.proto', 'schema.protoset']);
    expect(strFromU8(files['protos/demo/v1/demo.proto']!)).toBe('syntax = "proto3";');
    // Binary files are unpacked to their bytes, not to their base64 text.
    expect([...files['schema.protoset']!]).toEqual([0, 1, 254, 255]);
  });

  it('refuses a path that would unpack outside its folder', () => {
    for (const path of ['../evil.js', 'protos/../../x.proto', '/etc/x', 'C:\\x.js', 'a\\..\\..\\b']) {
      expect(() => k6Zip([{ path, content: '', encoding: 'utf8' }]), path).toThrow(/outside its folder/);
    }
  });
});
