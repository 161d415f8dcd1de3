import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { k6Zip } from './k6-zip';

describe('the k6 export as one zip', () => {
  it('keeps the folders the script loads its protos from', () => {
    const zip = k6Zip([
      { path: 'load-test.js', content: "import grpc from 'k6/net/grpc';" },
      { path: 'protos/demo/v1/demo.proto', content: 'syntax = "proto3";' },
    ]);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['load-test.js', 'protos/demo/v1/demo.proto']);
    expect(strFromU8(files['protos/demo/v1/demo.proto']!)).toBe('syntax = "proto3";');
  });

  it('refuses a path that would unpack outside its folder', () => {
    for (const path of ['../evil.js', 'protos/../../x.proto', '/etc/x', 'C:\\x.js', 'a\\..\\..\\b']) {
      expect(() => k6Zip([{ path, content: '' }]), path).toThrow(/outside its folder/);
    }
  });
});
