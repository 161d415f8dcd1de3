import type { Page } from '@playwright/test';

export interface HeldAnswers {
  /** Resolves once the engine has answered a `method` request (the answer is held, not delivered). */
  answered(): Promise<void>;
  /** Delivers the held answers to the page. */
  release(): void;
  /** Delivers the held answers and lets every later one through. */
  stop(): void;
}

/**
 * Sits between the page and the engine (before the page loads) and holds the engine's answers to
 * one contract method until released. Puts a user's action exactly "while the request is on its
 * way", whatever the speed of the machine.
 */
export async function holdAnswers(page: Page, method: string): Promise<HeldAnswers> {
  const held: Array<() => void> = [];
  let holding = true;
  let onHeld: () => void = () => undefined;
  await page.routeWebSocket(/\/rpc\?token=/, (ws) => {
    const server = ws.connectToServer();
    const ids = new Set<number>();
    ws.onMessage((message) => {
      if (typeof message === 'string') {
        const envelope = JSON.parse(message) as { t?: string; id?: number; method?: string };
        if (envelope.t === 'req' && envelope.method === method && envelope.id !== undefined) ids.add(envelope.id);
      }
      server.send(message);
    });
    server.onMessage((message) => {
      if (typeof message === 'string') {
        const envelope = JSON.parse(message) as { t?: string; id?: number };
        const answer = envelope.t === 'ok' || envelope.t === 'err';
        if (holding && answer && envelope.id !== undefined && ids.has(envelope.id)) {
          held.push(() => ws.send(message));
          onHeld();
          return;
        }
      }
      ws.send(message);
    });
  });
  return {
    answered: () =>
      new Promise<void>((resolve, reject) => {
        if (held.length) return resolve();
        const timer = setTimeout(() => reject(new Error(`The engine did not answer ${method} within 20 s`)), 20_000);
        onHeld = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
    release: () => {
      for (const deliver of held.splice(0)) deliver();
    },
    stop: () => {
      holding = false;
      for (const deliver of held.splice(0)) deliver();
    },
  };
}
