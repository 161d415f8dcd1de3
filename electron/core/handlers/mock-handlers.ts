import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { mockContract } from '../../../shared/contract/mock';
import { AppError } from '../../../shared/model/errors';
import type { MockLogEvent } from '../../../shared/model/mock';
import type { Handlers, StreamSink } from '../../../shared/protocol/define';
import type { MockServer } from '../mock';
import type { SecretSources } from '../workspace';
import { targetInEnvironment } from './call-environment';
import { boundedEntry, deliver } from './mock-log-delivery';
import type { SchemaStore } from './schema-store';

/** The workspace folder a mock started from the window takes its rules from (as `loupe mock --rules`). */
export const MOCK_RULES_FOLDER = 'mocks';

interface RunningMock {
  server: MockServer;
  logs: Set<StreamSink<MockLogEvent>>;
}

/** The mocks one connection started: stopped when it closes, so none outlives its window. */
export class ConnectionMocks {
  private readonly running = new Map<string, RunningMock>();
  private next = 0;

  add(server: MockServer, logs: Set<StreamSink<MockLogEvent>>): string {
    const mockId = `mock-${++this.next}`;
    this.running.set(mockId, { server, logs });
    return mockId;
  }

  get(mockId: string): RunningMock {
    const mock = this.running.get(mockId);
    if (!mock) throw new AppError('NOT_FOUND', `No mock ${mockId} runs for this window (it was stopped).`);
    return mock;
  }

  async stop(mockId: string): Promise<void> {
    const mock = this.running.get(mockId);
    if (!mock) return;
    this.running.delete(mockId);
    await mock.server.stop();
    for (const sink of mock.logs) sink.end();
    mock.logs.clear();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }
}

/** The contract's mock entries for one connection. */
export function createMockHandlers(
  deps: { schemas: SchemaStore; secrets: SecretSources },
  mocks: ConnectionMocks,
): Handlers<typeof mockContract> {
  return {
    'mock.start': async ({ target, environment }) => {
      // The schema the tab uses: the same resolved target, so the same cached registry.
      const schema = await deps.schemas.get(await targetInEnvironment(target, environment, deps.secrets));
      // The mock server loads with the first mock a window starts, not with the engine.
      const { loadRules, startMockServer } = await import('../mock');
      const rulesDir = environment ? await existingFolder(join(environment.root, MOCK_RULES_FOLDER)) : undefined;
      const rules = rulesDir ? await loadRules(rulesDir, schema, environment?.root) : undefined;
      const logs = new Set<StreamSink<MockLogEvent>>();
      const server = await startMockServer({
        schema,
        rules: rules?.byPath,
        host: '127.0.0.1',
        port: 0,
        onCall: (entry) => {
          const bounded = boundedEntry(entry);
          for (const sink of logs) deliver(sink, bounded);
        },
      });
      const mockId = mocks.add(server, logs);
      return {
        mockId,
        address: server.address,
        services: server.services,
        problems: rules?.problems ?? [],
        ...(rulesDir ? { rulesDir } : {}),
      };
    },

    'mock.stop': async ({ mockId }) => {
      await mocks.stop(mockId);
      return null;
    },

    'mock.log': ({ mockId }, sink) => {
      const { logs } = mocks.get(mockId);
      logs.add(sink);
      sink.signal.onCancel(() => logs.delete(sink));
    },
  };
}

/** The folder when it exists; undefined when there is none (a workspace without mocks is fine). */
async function existingFolder(dir: string): Promise<string | undefined> {
  try {
    return (await stat(dir)).isDirectory() ? dir : undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('VALIDATION', `Cannot read the mock rules folder ${dir}: ${String(err)}`);
  }
}
