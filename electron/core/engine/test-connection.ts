import type { LoupeContract } from '../../../shared/contract';
import { RpcClient } from '../../../shared/protocol/client';
import { createMemoryPortPair } from '../../../shared/protocol/memory-port';
import { Engine, type EngineOptions } from '.';

/**
 * For tests: a real Engine serving the contract on one end of an in-memory port pair (JSON on
 * every hop, like the WebSocket) and a typed client on the other. disposeEngines() after each test.
 */
const engines: Engine[] = [];

export function connectEngine(options: Partial<EngineOptions> = {}): { engine: Engine; client: RpcClient<LoupeContract> } {
  const engine = new Engine({ version: '0.0.0-test', ...options });
  engines.push(engine);
  const [clientPort, enginePort] = createMemoryPortPair();
  engine.connect(enginePort);
  return { engine, client: new RpcClient<LoupeContract>(clientPort) };
}

export function disposeEngines(): void {
  for (const engine of engines.splice(0)) engine.dispose();
}
