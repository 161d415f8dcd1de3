// Test helper: the test corpus compiled once per test file.
import { join } from 'node:path';
import { compileProtoFiles } from '../compile-protos';
import { SchemaRegistry } from '../registry';
import { TESTDATA } from './oracle';

export async function loadCorpus(): Promise<SchemaRegistry> {
  const files = await compileProtoFiles(['shop/v1/shop.proto', 'legacy/legacy.proto', 'kitchen/sink.proto'], [join(TESTDATA, 'protos'), join(TESTDATA, 'common')]);
  return SchemaRegistry.fromFiles(files, ['corpus'], 1_700_000_000_000);
}
