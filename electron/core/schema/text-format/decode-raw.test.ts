import { describe, expect, it } from 'vitest';
import { decodeWire } from '../../../../shared/wire/decode-wire';
import { printRawTree } from '../../../../shared/wire/print-raw';
import { protocDecodeRaw, protocEncode } from './testdata/protoc';
import { TEXT_SAMPLES } from './testdata/samples';

describe('the wire tree against protoc --decode_raw', () => {
  for (const sample of TEXT_SAMPLES) {
    it(`reads ${sample.name} as protoc does`, () => {
      const bytes = protocEncode(sample.type, sample.text);
      expect(printRawTree(decodeWire(bytes))).toBe(protocDecodeRaw(bytes));
    });
  }
});
