/* Shared by this folder's tests (not a test file itself). */
import { createFileRegistry, type DescMethod, type FileRegistry } from '@bufbuild/protobuf';
import type { EngineCallEvent, CallStatus } from '../../../shared/model/call';
import { TargetSettingsSchema, type TargetSettingsInput, type TargetSettings } from '../../../shared/model/target';
import { DEMO_SERVICE, demoDescriptorSet } from '../demo/registry';
import type { CallRunner, CallHandle, StartCallOptions } from '../calls/call-runner';

export function target(input: TargetSettingsInput): TargetSettings {
  return TargetSettingsSchema.parse(input);
}

let registry: FileRegistry | undefined;

/** Registry of the demo schema: what a client gets from the demo's reflection service. */
export function demoRegistry(): FileRegistry {
  registry ??= createFileRegistry(demoDescriptorSet());
  return registry;
}

export function demoMethod(name: string): DescMethod {
  const m = demoRegistry()
    .getService(DEMO_SERVICE)
    ?.methods.find((x) => x.name === name);
  if (!m) throw new Error(`no demo method ${name}`);
  return m;
}

export interface Recorded {
  handle: CallHandle;
  events: EngineCallEvent[];
  done: Promise<CallStatus>;
  received(): unknown[];
  ofType<T extends EngineCallEvent['type']>(type: T): Extract<EngineCallEvent, { type: T }>[];
}

export function record(
  engine: CallRunner,
  opts: Omit<StartCallOptions, 'registry' | 'method'> & { method: string | DescMethod },
  onEvent?: (e: EngineCallEvent) => void,
): Recorded {
  const events: EngineCallEvent[] = [];
  const method = typeof opts.method === 'string' ? demoMethod(opts.method) : opts.method;
  const handle = engine.start({ ...opts, method, registry: demoRegistry() }, (e) => {
    events.push(e);
    onEvent?.(e);
  });
  const ofType = <T extends EngineCallEvent['type']>(type: T) =>
    events.filter((e): e is Extract<EngineCallEvent, { type: T }> => e.type === type);
  return {
    handle,
    events,
    done: handle.done,
    ofType,
    received: () => ofType('received').map((e) => JSON.parse(e.json) as unknown),
  };
}

export function until(pred: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (pred()) return resolve();
      if (Date.now() - start > timeoutMs) return reject(new Error('condition not met in time'));
      setTimeout(tick, 10);
    };
    tick();
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
