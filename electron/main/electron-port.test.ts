import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { MessagePortMain } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RpcClient } from '../../shared/protocol/client';
import { request, stream } from '../../shared/protocol/define';
import { answerTo, envelopeFaults } from '../../shared/protocol/test-support/envelope-faults';
import type { Port } from '../../shared/protocol/port';
import { serve } from '../../shared/protocol/server';
import { electronPort } from './electron-port';

/* The window's transport carries structured clones, not JSON. Electron cannot run here, so a
 * Node MessagePort (the same structured clone) stands in for MessagePortMain, whose only
 * difference is that it wraps each message in an event's `data`. */

const contract = {
  shout: request<string>()(z.object({ text: z.string() })),
  forever: stream<number>()(z.object({})),
};

function asMain(port: MessagePort): MessagePortMain {
  return {
    on(event: string, listener: (e: unknown) => void) {
      if (event === 'message') port.on('message', (data) => listener({ data, ports: [] }));
      else port.on(event, listener);
      return this;
    },
    start: () => port.start(),
    postMessage: (message: unknown) => port.postMessage(message),
    close: () => port.close(),
  } as unknown as MessagePortMain;
}

/** The renderer's end: plain values in and out, like the preload relays them. */
function rendererPort(port: MessagePort): Port {
  const listeners = new Set<(m: unknown) => void>();
  port.on('message', (m) => listeners.forEach((l) => l(m)));
  return {
    send: (m) => port.postMessage(m),
    onMessage: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onClose: () => () => undefined,
    close: () => port.close(),
  };
}

const open: MessagePort[] = [];
afterEach(() => open.splice(0).forEach((p) => p.close()));

function connect(): Port {
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  serve(electronPort(asMain(port2)), contract, {
    shout: ({ text }) => text.toUpperCase(),
    forever: (_input, sink) => void sink.push(1),
  });
  return rendererPort(port1);
}

describe('the window transport (MessagePort)', () => {
  it('answers every addressed envelope, even malformed ones, and keeps serving other windows', async () => {
    const hostile = connect();
    const other = new RpcClient<typeof contract>(connect());
    hostile.send('garbage');
    hostile.send({ t: 'req', id: -1, method: 'shout' });
    let id = 1;
    for (const fault of envelopeFaults({ request: 'shout', stream: 'forever' })) {
      const answer = await answerTo(hostile, fault.envelope, id++);
      expect(answer, fault.name).toMatchObject({ t: fault.answer, error: { code: fault.code } });
      expect(await other.request('shout', { text: 'ok' })).toBe('OK');
    }
    expect(await answerTo(hostile, { t: 'req', method: 'shout', input: { text: 'still' } }, id)).toEqual({
      t: 'ok',
      id,
      output: 'STILL',
    });
  });
});
