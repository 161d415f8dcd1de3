import { beforeAll, describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { create } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { AppError } from '../../../shared/model';
import { SchemaRegistry } from './registry';
import { loadCorpus } from './testdata/corpus';

let reg: SchemaRegistry;
beforeAll(async () => {
  reg = await loadCorpus();
});

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('service tree', () => {
  it('lists services with kinds, types, comments and deprecation', () => {
    const services = reg.services();
    expect(services.map((s) => s.fullName)).toEqual([
      'kitchen.SinkService',
      'legacy.LegacyService',
      'shop.v1.ShopService',
    ]);
    const shop = services[2]!;
    expect(shop).toMatchObject({
      name: 'ShopService',
      package: 'shop.v1',
      file: 'shop/v1/shop.proto',
      comment: 'Sells things.\n\nSecond paragraph of the service comment.',
    });
    expect(
      shop.methods.map((m) => [m.name, m.kind, m.requestType, m.responseType, m.comment, m.deprecated ?? false]),
    ).toEqual([
      ['GetProduct', 'unary', 'shop.v1.GetProductRequest', 'shop.v1.Product', 'Looks up one product.', false],
      [
        'ListProducts',
        'server_streaming',
        'shop.v1.ListProductsRequest',
        'shop.v1.Product',
        'Streams the catalogue.',
        false,
      ],
      [
        'ImportProducts',
        'client_streaming',
        'shop.v1.Product',
        'shop.v1.ImportSummary',
        'Uploads many products.',
        false,
      ],
      ['Chat', 'bidi_streaming', 'shop.v1.ChatMessage', 'shop.v1.ChatMessage', 'Chat with the shop assistant.', false],
      ['LegacyGet', 'unary', 'shop.v1.GetProductRequest', 'shop.v1.Product', 'Old way to fetch.', true],
    ]);
    expect(shop.methods[1]).toMatchObject({
      fullName: 'shop.v1.ShopService.ListProducts',
      path: '/shop.v1.ShopService/ListProducts',
    });
    expect(reg.summary()).toMatchObject({ fileCount: 17, sources: ['corpus'], loadedAt: 1_700_000_000_000 });
  });
});

describe('lookups', () => {
  it('finds methods in all three spellings', () => {
    for (const name of ['shop.v1.ShopService/Chat', '/shop.v1.ShopService/Chat', 'shop.v1.ShopService.Chat']) {
      expect(reg.method(name).name).toBe('Chat');
    }
  });

  it('says NOT_FOUND with close names', () => {
    const err = thrown(() => reg.method('shop.v1.ShopService/GetProdukt'));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toMatch(
      /^No method "shop\.v1\.ShopService\/GetProdukt" in the loaded schema\. Did you mean "shop\.v1\.ShopService\.GetProduct"/,
    );
    const msg = thrown(() => reg.message('shop.v1.Prodct'));
    expect(msg.code).toBe('NOT_FOUND');
    expect(msg.message).toContain('Did you mean "shop.v1.Product"');
    expect(thrown(() => reg.describe('zzz')).code).toBe('NOT_FOUND');
  });
});

describe('template', () => {
  it('fills every field with a typed sample, first oneof member, first enum value, WKT forms', () => {
    expect(JSON.parse(reg.template('shop.v1.Product'))).toEqual({
      id: '',
      title: '',
      price: { currencyCode: '', units: '0', nanos: 0 },
      tags: [''],
      attributes: { key: '' },
      variantsBySize: { '0': { sku: '', color: 'COLOR_UNSPECIFIED', subVariants: [] } },
      createdAt: '1970-01-01T00:00:00Z',
      category: 'CATEGORY_UNSPECIFIED',
      stock: 0,
      weightGrams: '0',
      oldField: '',
    });
  });

  it('produces JSON that every message accepts (recursion cut, WKTs valid)', () => {
    let count = 0;
    for (const t of reg.registry) {
      if (t.kind !== 'message' || t.proto.options?.mapEntry) continue;
      const text = reg.template(t.typeName);
      expect(() => reg.messageFromJson(t, text), t.typeName).not.toThrow();
      count++;
    }
    expect(count).toBeGreaterThan(60);
  });
});

describe('JSON Schema', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });

  it('validates templates and real messages, and flags mistakes', () => {
    const schema = reg.jsonSchema('kitchen.Sink');
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const validate = ajv.compile(schema);
    expect(validate(JSON.parse(reg.template('kitchen.Sink'))), JSON.stringify(validate.errors)).toBe(true);
    expect(
      validate({
        fInt64: '9007199254740993',
        f_int32: 3,
        fEnum: 'HIGH',
        rEnum: [1],
        wDuration: '1.5s',
        customName: 'x',
      }),
    ).toBe(true);
    expect(validate({ fInt64: 12 })).toBe(true);
    expect(validate({ fInt64: 'twelve' })).toBe(false);
    expect(validate({ fInt32: 1.5 })).toBe(false);
    expect(validate({ noSuchField: 1 })).toBe(false);
    expect(
      validate.errors?.some(
        (e) => e.keyword === 'additionalProperties' && e.params.additionalProperty === 'noSuchField',
      ),
    ).toBe(true);
    expect(validate({ fEnum: 'NOPE' })).toBe(false);
    expect(validate({ cString: 'a', cMessage: {} })).toBe(false);
    expect(validate({ cString: 'a' })).toBe(true);
    expect(validate({ fMessage: { fMessage: { zz: 1 } } })).toBe(false);
    expect(validate({ wDuration: '5 minutes' })).toBe(false);
  });

  it('carries comments, proto2 required, extensions and recursion through $defs', () => {
    const product = reg.jsonSchema('shop.v1.Product') as {
      description: string;
      properties: Record<string, { description?: string }>;
      $defs: Record<string, unknown>;
    };
    expect(product.description).toBe('A thing for sale.');
    expect(product.properties.restockAt!.description).toBe('When it will be back.\n\nMember of oneof availability.');
    expect(Object.keys(product.$defs).sort()).toEqual([
      'acme.Money',
      'google.protobuf.Timestamp',
      'shop.v1.Product',
      'shop.v1.Product.Variant',
    ]);
    const order = reg.jsonSchema('legacy.Order') as { required: string[]; properties: Record<string, unknown> };
    expect(order.required).toEqual(['id']);
    expect(Object.keys(order.properties)).toEqual(
      expect.arrayContaining(['[legacy.gift_message]', '[legacy.coupons]', '[legacy.Holder.holder]']),
    );
    const validate = ajv.compile(order);
    expect(validate({ quantity: 1 })).toBe(false);
    expect(validate({ id: 'x', '[legacy.gift_message]': 'hi' })).toBe(true);
  });
});

describe('describe', () => {
  it('prints a service like grpcurl describe', () => {
    expect(reg.describe('shop.v1.ShopService')).toBe(`shop.v1.ShopService is a service:
// Sells things.
//
// Second paragraph of the service comment.
service ShopService {
  // Looks up one product.
  rpc GetProduct ( .shop.v1.GetProductRequest ) returns ( .shop.v1.Product );
  // Streams the catalogue.
  rpc ListProducts ( .shop.v1.ListProductsRequest ) returns ( stream .shop.v1.Product );
  // Uploads many products.
  rpc ImportProducts ( stream .shop.v1.Product ) returns ( .shop.v1.ImportSummary );
  // Chat with the shop assistant.
  rpc Chat ( stream .shop.v1.ChatMessage ) returns ( stream .shop.v1.ChatMessage );
  // Old way to fetch.
  rpc LegacyGet ( .shop.v1.GetProductRequest ) returns ( .shop.v1.Product ) {
    option deprecated = true;
  }
}
`);
  });

  it('prints messages with oneofs, maps, optional, json_name, nested types and proto2 details', () => {
    expect(reg.describe('shop.v1.Product')).toBe(`shop.v1.Product is a message:
// A thing for sale.
message Product {
  string id = 1;
  string display_name = 2 [json_name = "title"];
  .acme.Money price = 3;
  repeated string tags = 4;
  map<string, string> attributes = 5;
  map<int32, .shop.v1.Product.Variant> variants_by_size = 6;
  .google.protobuf.Timestamp created_at = 7;
  .shop.v1.Category category = 8;
  oneof availability {
    int32 stock = 9;
    // When it will be back.
    .google.protobuf.Timestamp restock_at = 10;
    bool discontinued = 11;
  }
  optional int64 weight_grams = 12;
  string old_field = 13 [deprecated = true];
  // A variant of the product.
  message Variant {
    string sku = 1;
    .shop.v1.Product.Variant.Color color = 2;
    repeated .shop.v1.Product.Variant sub_variants = 3;
    enum Color {
      COLOR_UNSPECIFIED = 0;
      RED = 1;
      BLUE = 2;
    }
  }
}
`);
    expect(reg.describe('legacy.Order')).toContain(
      '  required string id = 1;\n  optional int32 quantity = 2 [default = 1];\n  optional string note = 3 [default = "none"];\n  repeated int32 codes = 4 [packed = true];\n  optional group Shipping = 5;\n  extensions 100 to 199;\n',
    );
    expect(reg.describe('shop.v1.ShopService/Chat')).toBe(
      'shop.v1.ShopService.Chat is a method:\n// Chat with the shop assistant.\nrpc Chat ( stream .shop.v1.ChatMessage ) returns ( stream .shop.v1.ChatMessage );\n',
    );
    expect(reg.describe('shop.v1.Category')).toBe(
      'shop.v1.Category is an enum:\n// Where a product is shelved.\nenum Category {\n  CATEGORY_UNSPECIFIED = 0;\n  // Things to read.\n  BOOKS = 1;\n  GAMES = 2;\n}\n',
    );
  });
});

describe('SchemaRegistry.fromFiles', () => {
  const file = (name: string, pkg: string, messages: string[], deps: string[] = []) =>
    create(FileDescriptorProtoSchema, {
      name,
      package: pkg,
      syntax: 'proto3',
      dependency: deps,
      messageType: messages.map((m) => ({ name: m })),
    });

  it('links files given in any order', () => {
    const a = file('a.proto', 'p', ['A']);
    const b = create(FileDescriptorProtoSchema, {
      name: 'b.proto',
      package: 'p',
      syntax: 'proto3',
      dependency: ['a.proto'],
      messageType: [
        { name: 'B', field: [{ name: 'a', number: 1, label: 1, type: 11, typeName: '.p.A', jsonName: 'a' }] },
      ],
    });
    const r = SchemaRegistry.fromFiles([b, a], ['t']);
    expect(r.files.map((f) => f.name)).toEqual(['a.proto', 'b.proto']);
    expect(r.message('p.B').fields[0]!.message?.typeName).toBe('p.A');
  });

  it('refuses duplicate symbols, naming both files', () => {
    const err = thrown(() =>
      SchemaRegistry.fromFiles([file('a.proto', 'p', ['Same']), file('b.proto', 'p', ['Same'])], ['t']),
    );
    expect(err.code).toBe('SCHEMA');
    expect(err.message).toBe('"p.Same" is defined in both a.proto and b.proto.');
  });

  it('refuses two different files with one name, accepts identical copies', () => {
    expect(
      SchemaRegistry.fromFiles([file('a.proto', 'p', ['A']), file('a.proto', 'p', ['A'])], ['t']).files,
    ).toHaveLength(1);
    const err = thrown(() =>
      SchemaRegistry.fromFiles([file('a.proto', 'p', ['A']), file('a.proto', 'p', ['B'])], ['t']),
    );
    expect(err.message).toBe(
      'Two different files are both named "a.proto". Remove one of the sources or make them agree.',
    );
  });

  it('reports import cycles and missing imports', () => {
    const cyc = thrown(() =>
      SchemaRegistry.fromFiles(
        [file('a.proto', 'p', ['A'], ['b.proto']), file('b.proto', 'p', ['B'], ['a.proto'])],
        ['t'],
      ),
    );
    expect(cyc.message).toBe('Import cycle: a.proto -> b.proto -> a.proto.');
    const missing = thrown(() => SchemaRegistry.fromFiles([file('a.proto', 'p', ['A'], ['gone.proto'])], ['t']));
    expect(missing.message).toMatch(/^a\.proto imports "gone\.proto", which is not in the schema\./);
  });

  it('reports unresolvable type references', () => {
    const bad = create(FileDescriptorProtoSchema, {
      name: 'x.proto',
      package: 'p',
      syntax: 'proto3',
      messageType: [
        { name: 'X', field: [{ name: 'y', number: 1, label: 1, type: 11, typeName: '.p.Missing', jsonName: 'y' }] },
      ],
    });
    const err = thrown(() => SchemaRegistry.fromFiles([bad], ['t']));
    expect(err.code).toBe('SCHEMA');
    expect(err.message).toMatch(/^The schema cannot be linked: .*p\.Missing/);
  });
});
