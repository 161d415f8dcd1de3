import type { LoupeContract } from '../../../shared/contract';
import type { WorkspaceChange } from '../../../shared/model/workspace';
import { RpcClient } from '../../../shared/protocol/client';
import { createMemoryPortPair } from '../../../shared/protocol/test-support/memory-port';
import { Engine, type EngineOptions } from '../engine';

/**
 * For tests: a real Engine serving the contract on one end of an in-memory port pair (JSON on
 * every hop, like the WebSocket) and a typed client on the other. disposeEngines() after each test.
 */
const engines: Engine[] = [];

export function connectEngine(options: Partial<EngineOptions> = {}): {
  engine: Engine;
  client: RpcClient<LoupeContract>;
} {
  const engine = new Engine({ version: '0.0.0-test', ...options });
  engines.push(engine);
  const [clientPort, enginePort] = createMemoryPortPair();
  engine.connect(enginePort);
  return { engine, client: new RpcClient<LoupeContract>(clientPort) };
}

export function disposeEngines(): void {
  for (const engine of engines.splice(0)) engine.dispose();
}

/** Subscribes to workspace.changes and lets the test wait for an event that matches (the bound only
 * stops a hang). */
export function followWorkspaceChanges(client: RpcClient<LoupeContract>, root: string) {
  const events: WorkspaceChange[] = [];
  let notify = (): void => undefined;
  const sub = client.subscribe(
    'workspace.changes',
    { root },
    {
      onEvents: (batch) => {
        events.push(...batch);
        notify();
      },
      onEnd: () => undefined,
    },
  );
  const waitFor = (match: (c: WorkspaceChange) => boolean) =>
    new Promise<WorkspaceChange>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; saw ${JSON.stringify(events)}`)), 30_000);
      notify = () => {
        const found = events.find(match);
        if (!found) return;
        clearTimeout(timer);
        resolve(found);
      };
      notify();
    });
  return { events, waitFor, cancel: () => sub.cancel() };
}
