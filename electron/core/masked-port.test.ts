import { describe, expect, it } from 'vitest';
import type { Port } from '../../shared/protocol/port';
import { PortEvents } from '../../shared/protocol/port';
import { SecretMask } from './workspace';
import { maskedPort } from './engine';

/*
 * The engine's port masks everything it sends the window except the workspace's own files.
 * Those streams still end with errors, and an error may quote anything: these cases pin that the
 * unmasked exception covers a stream's events only, never its end, however the end travels.
 */

const SECRET = 'tok-93f1c2';

function recordingPort(): { port: Port; sent: unknown[]; receive: (message: unknown) => void } {
  const events = new PortEvents();
  const sent: unknown[] = [];
  return {
    port: {
      send: (m) => void sent.push(m),
      onMessage: (l) => events.onMessage(l),
      onClose: (l) => events.onClose(l),
      close: () => undefined,
    },
    sent,
    receive: (message) => events.emitMessage(message),
  };
}

function setUp() {
  const mask = new SecretMask();
  mask.add('token', SECRET);
  const raw = recordingPort();
  const port = maskedPort(raw.port, mask);
  port.onMessage(() => undefined);
  return { port, sent: raw.sent, receive: raw.receive };
}

const quoting = { code: 'IO', message: `could not read ${SECRET}` };

describe('maskedPort', () => {
  it('masks an error folded into the last batch of an unmasked stream, not its events', () => {
    const { port, sent, receive } = setUp();
    receive({ t: 'sub', id: 7, method: 'workspace.changes', input: { root: '/w' } });
    port.send({ t: 'batch', id: 7, events: [{ kind: 'request', body: SECRET }], end: { error: quoting } });
    expect(sent).toEqual([
      {
        t: 'batch',
        id: 7,
        events: [{ kind: 'request', body: SECRET }],
        end: { error: { code: 'IO', message: 'could not read {{token}}' } },
      },
    ]);
  });

  it('stops leaving a stream unmasked once its end was sent', () => {
    const { port, sent, receive } = setUp();
    receive([{ t: 'sub', id: 3, method: 'workspace.changes', input: { root: '/w' } }]);
    port.send({ t: 'batch', id: 3, events: [{ body: SECRET }], end: {} });
    // The id may be reused by a later request of another method: it must be masked.
    port.send({ t: 'batch', id: 3, events: [{ body: SECRET }] });
    expect(sent[1]).toEqual({ t: 'batch', id: 3, events: [{ body: '{{token}}' }] });
  });

  it('masks a separate end and an error answer of an unmasked method', () => {
    const { port, sent, receive } = setUp();
    receive({ t: 'sub', id: 1, method: 'workspace.changes', input: { root: '/w' } });
    receive({ t: 'req', id: 2, method: 'workspace.open', input: { root: '/w' } });
    port.send({ t: 'end', id: 1, error: quoting });
    port.send({ t: 'err', id: 2, error: quoting });
    expect(JSON.stringify(sent)).not.toContain(SECRET);
  });

  it('masks every other method, answers and events alike', () => {
    const { port, sent, receive } = setUp();
    receive({ t: 'req', id: 4, method: 'call.open', input: {} });
    port.send({ t: 'ok', id: 4, value: { echoed: SECRET } });
    expect(sent).toEqual([{ t: 'ok', id: 4, value: { echoed: '{{token}}' } }]);
  });
});
