import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchema } from '../schema';
import type { SchemaRegistry } from '../schema/registry';
import { loadRules } from './load-rules';
import { startMockServer, type MockServer } from './mock-server';
import { JsonClient, rulesDir } from './test-support/mock-fixture';

/* README's rule file example, as written there, against the shop schema of the schema tests. */

const ROOT = join(__dirname, '../../..');
const TESTDATA = join(__dirname, '../schema/testdata');

function readmeExample(): unknown {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Mock servers'));
  const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  if (!json) throw new Error("README's Mock servers section has no json example");
  return JSON.parse(json);
}

let schema: SchemaRegistry;
let server: MockServer;
let client: JsonClient;
beforeAll(async () => {
  schema = await loadSchema(
    {
      reflection: false,
      protoFiles: ['shop/v1/shop.proto'],
      importPaths: [join(TESTDATA, 'protos'), join(TESTDATA, 'common')],
      protosets: [],
    },
    { baseDir: TESTDATA },
  );
  const rules = await loadRules(rulesDir({ 'product.json': readmeExample() }), schema);
  expect(rules.problems).toEqual([]);
  server = await startMockServer({ schema, rules: rules.byPath });
  client = new JsonClient(server.address, schema);
});
afterAll(async () => {
  client?.close();
  await server?.stop();
});

describe("README's rule file example", () => {
  it('loads against its schema and answers as the README says', async () => {
    await expect(client.unary('shop.v1.ShopService/GetProduct', { id: 'missing-1' })).rejects.toMatchObject({
      code: 5,
      message: 'no product here',
      details: [{ type: 'google.rpc.ErrorInfo', json: { reason: 'PRODUCT_MISSING', domain: 'shop' } }],
    });
    const product = (await client.unary('shop.v1.ShopService/GetProduct', { id: 'p-7' }, { 'x-role': 'admin' })) as {
      title: string;
      price: { units: string };
    };
    expect(product).toMatchObject({ id: 'p-7', price: { currencyCode: 'EUR' }, tags: ['mock'] });
    expect(product.title).toMatch(/^Product #1 \([0-9a-f-]{36}\)$/);
    expect(Number(product.price.units)).toBeGreaterThanOrEqual(10);
    expect(Number(product.price.units)).toBeLessThanOrEqual(500);
    // Neither rule matches: the method's sample answer.
    expect(await client.unary('shop.v1.ShopService/GetProduct', { id: 'p-7' })).toMatchObject({
      createdAt: expect.any(String) as unknown,
    });
  });
});
