import type { ErrorCode } from '../../model/errors';
import type { Port } from '../port';

/**
 * For tests of every transport: envelopes a careless or hostile caller may send, each with an id
 * and so each owed an answer, and the answer it must get. `method` names a request of the
 * contract under test and `stream` one of its streams.
 */
export interface EnvelopeFault {
  name: string;
  envelope: Record<string, unknown>;
  /** 'err' answers a request, 'end' a stream. */
  answer: 'err' | 'end';
  code: ErrorCode;
}

export function envelopeFaults(names: { request: string; stream: string }): EnvelopeFault[] {
  const builtIns = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
  const tooLong = 'm'.repeat(100_000);
  return [
    ...builtIns.map((method): EnvelopeFault => ({
      name: `request '${method}'`,
      envelope: { t: 'req', method, input: {} },
      answer: 'err',
      code: 'NOT_FOUND',
    })),
    ...builtIns.map((method): EnvelopeFault => ({
      name: `stream '${method}'`,
      envelope: { t: 'sub', method, input: {}, credit: 8 },
      answer: 'end',
      code: 'NOT_FOUND',
    })),
    { name: 'unknown request', envelope: { t: 'req', method: 'no.such', input: {} }, answer: 'err', code: 'NOT_FOUND' },
    {
      name: 'unknown stream',
      envelope: { t: 'sub', method: 'no.such', input: {}, credit: 8 },
      answer: 'end',
      code: 'NOT_FOUND',
    },
    {
      name: 'request with a 100,000-character method',
      envelope: { t: 'req', method: tooLong, input: {} },
      answer: 'err',
      code: 'VALIDATION',
    },
    {
      name: 'stream with a 100,000-character method',
      envelope: { t: 'sub', method: tooLong, input: {}, credit: 8 },
      answer: 'end',
      code: 'VALIDATION',
    },
    { name: 'request without a method', envelope: { t: 'req', input: {} }, answer: 'err', code: 'VALIDATION' },
    {
      name: 'request with a numeric method',
      envelope: { t: 'req', method: 7, input: {} },
      answer: 'err',
      code: 'VALIDATION',
    },
    ...[0, -1, 1.5, 2_000_000, '8', null].map((credit): EnvelopeFault => ({
      name: `stream with credit ${JSON.stringify(credit)}`,
      envelope: { t: 'sub', method: names.stream, input: {}, credit },
      answer: 'end',
      code: 'VALIDATION',
    })),
    {
      name: 'stream without credit',
      envelope: { t: 'sub', method: names.stream, input: {} },
      answer: 'end',
      code: 'VALIDATION',
    },
    {
      name: 'stream method called as a request',
      envelope: { t: 'req', method: names.stream, input: {} },
      answer: 'err',
      code: 'NOT_FOUND',
    },
    {
      name: 'request method opened as a stream',
      envelope: { t: 'sub', method: names.request, input: {}, credit: 8 },
      answer: 'end',
      code: 'NOT_FOUND',
    },
    {
      name: 'unknown envelope type',
      envelope: { t: 'shout', method: names.request },
      answer: 'err',
      code: 'VALIDATION',
    },
    {
      name: 'envelope without a type',
      envelope: { method: names.request, input: {} },
      answer: 'err',
      code: 'VALIDATION',
    },
  ];
}

/**
 * Sends one raw envelope and resolves with the first answer carrying its id. Rejects after
 * `boundMs`: only a bound so a missing answer fails the test instead of hanging it.
 */
export function answerTo(
  port: Port,
  envelope: Record<string, unknown>,
  id: number,
  boundMs = 5000,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no answer to ${JSON.stringify(envelope).slice(0, 120)}`));
    }, boundMs);
    const stop = port.onMessage((message) => {
      const m = message as Record<string, unknown>;
      if (m.id !== id) return;
      clearTimeout(timer);
      stop();
      resolve(m);
    });
    port.send({ ...envelope, id });
  });
}
