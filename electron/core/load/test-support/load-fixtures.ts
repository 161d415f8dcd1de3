import * as grpc from '@grpc/grpc-js';
import { LoadPlanSchema, type LoadPlanInput } from '../../../../shared/model/load';
import { TargetSettingsSchema } from '../../../../shared/model/target';
import { demoDescriptorSet, startDemoServer, type DemoServer } from '../../demo';
import { SchemaRegistry } from '../../schema';
import { callGate } from '../../test-support/call-gate';
import { prepareLoad, type LoadInputs, type PreparedLoad } from '../prepare';

/** The demo's schema, read from its descriptors (no reflection round trip in each test). */
export function demoSchema(): SchemaRegistry {
  return SchemaRegistry.fromFiles(demoDescriptorSet().file, ['demo']);
}

export interface CountingServer extends DemoServer {
  /** Calls the server received, per method name. */
  received: Record<string, number>;
}

/**
 * The demo server, counting the calls it receives; with `failEvery`, every n-th call (counted
 * across methods, in arrival order) fails with UNAVAILABLE before reaching its handler, so a
 * share of exactly 1/n fails whatever the concurrency.
 */
export async function startCountingServer(failEvery?: number): Promise<CountingServer> {
  const received: Record<string, number> = {};
  let n = 0;
  const counter = callGate(({ method }) => {
    received[method] = (received[method] ?? 0) + 1;
    if (failEvery && ++n % failEvery === 0)
      return { code: grpc.status.UNAVAILABLE, details: `every ${failEvery}th call fails` };
    return undefined;
  });
  const server = await startDemoServer({ interceptors: [counter] });
  return Object.assign(server, { received });
}

/** A plan against the demo, with defaults filled in as the contract would. */
export function plan(input: Partial<LoadPlanInput> & { method?: string; body?: string }) {
  const { method = 'loupe.demo.v1.Demo/Echo', body = '{"message":"hi"}', ...rest } = input;
  return LoadPlanSchema.parse({ request: { method, body }, concurrency: 4, ...rest });
}

export async function prepareDemo(
  server: { address: string },
  loadPlan: ReturnType<typeof plan>,
  extra: Partial<LoadInputs> = {},
): Promise<PreparedLoad> {
  const request = loadPlan.request as { method: string; body: string; metadata: LoadInputs['metadata'] };
  return prepareLoad(loadPlan, {
    target: TargetSettingsSchema.parse({ address: server.address }),
    schema: demoSchema(),
    method: request.method,
    body: request.body,
    metadata: request.metadata,
    baseDir: process.cwd(),
    ...extra,
  });
}
