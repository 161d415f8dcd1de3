import { beforeEach, describe, expect, it } from 'vitest';
import type { SchemaSummary } from '../../../shared/model/schema';
import { createMemoryPortPair } from '../../../shared/protocol/test-support/memory-port';
import { activeSchema, useAppStore } from '../state';
import { EMPTY_TARGET } from '../state/target-key';
import { initApi } from './client';
import { ensureSchema } from './schema-actions';

const SUMMARY: SchemaSummary = { services: [], fileCount: 1, sources: ['reflection v1'], loadedAt: 1 };

/** An engine that answers schema.load only when told to, and counts what it was asked. */
function slowEngine() {
  const [page, engine] = createMemoryPortPair();
  const asked: number[] = [];
  engine.onMessage((message) => {
    const m = message as { t: string; id: number; method?: string };
    if (m.t === 'req' && m.method === 'schema.load') asked.push(m.id);
  });
  initApi({ kind: 'browser', port: page });
  return {
    asked,
    answerAll: () => {
      for (const id of asked) engine.send({ t: 'ok', id, output: SUMMARY });
    },
  };
}

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
};

describe('ensureSchema, which the first render waits on', () => {
  beforeEach(() => {
    const { order, removeTab } = useAppStore.getState();
    for (const id of order) removeTab(id);
    useAppStore.getState().applyTarget(EMPTY_TARGET);
    useAppStore.setState({ schemas: {}, methodDetails: {} });
  });

  it('resolves once the active target’s schema is in the store, and asks the engine once', async () => {
    const engine = slowEngine();
    useAppStore.getState().adoptDefaultTarget({ address: '127.0.0.1:1' });
    const first = ensureSchema();
    expect(await settled(first)).toBe(false);
    expect(activeSchema(useAppStore.getState())?.status).toBe('loading');
    // Asked again while loading (another tab shown): no second question, nothing to wait for.
    expect(await settled(ensureSchema())).toBe(true);
    expect(engine.asked).toHaveLength(1);
    engine.answerAll();
    await first;
    expect(activeSchema(useAppStore.getState())).toMatchObject({ status: 'ready', value: SUMMARY });
  });

  it('resolves at once when there is no server to ask', async () => {
    const engine = slowEngine();
    expect(await settled(ensureSchema())).toBe(true);
    expect(engine.asked).toEqual([]);
  });
});
