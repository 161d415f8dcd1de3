import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Real .proto sources on disk for schema-source specs: a service in one import root that
 * imports a well-known type and a file from a second import root, like a typical repo with
 * vendored protos.
 */
export interface ProtoProject {
  dir: string;
  /** The service's file, and the two import roots it needs. */
  shopProto: string;
  apiRoot: string;
  vendorRoot: string;
}

export const SHOP_SERVICE = 'shop.v1.ShopService';

export function writeProtoProject(): ProtoProject {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-e2e-protos-'));
  const apiRoot = join(dir, 'api');
  const vendorRoot = join(dir, 'vendor');
  const shopProto = writeFile(
    join(apiRoot, 'shop/v1/shop.proto'),
    `syntax = "proto3";
package shop.v1;

import "google/protobuf/timestamp.proto";
import "money/v1/money.proto";

// Places orders.
service ShopService {
  rpc PlaceOrder(PlaceOrderRequest) returns (PlaceOrderResponse);
}

message PlaceOrderRequest {
  string sku = 1;
  money.v1.Money total = 2;
}

message PlaceOrderResponse {
  google.protobuf.Timestamp placed_at = 1;
}
`,
  );
  writeFile(
    join(vendorRoot, 'money/v1/money.proto'),
    `syntax = "proto3";
package money.v1;

message Money {
  string currency_code = 1;
  int64 units = 2;
}
`,
  );
  return { dir, shopProto, apiRoot, vendorRoot };
}

/** Writes `text` to `path` (creating folders) and returns the path. */
export function writeFile(path: string, text: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** `protoc --include_imports --descriptor_set_out` of the project's service; returns the protoset's path. */
export function buildProtoset(project: ProtoProject): string {
  const out = join(project.dir, 'shop.protoset');
  execFileSync('protoc', [
    '--include_imports',
    `--descriptor_set_out=${out}`,
    `-I${project.apiRoot}`,
    `-I${project.vendorRoot}`,
    'shop/v1/shop.proto',
  ]);
  return out;
}
