import { describe, expect, it } from 'vitest';
import { messagePortAsPort, PortEvents } from './port';

describe('messagePortAsPort', () => {
  it('sends through the end, hears what is fed to its events, and closing closes both once', async () => {
    const posted: unknown[] = [];
    let endClosed = 0;
    const events = new PortEvents();
    const port = messagePortAsPort({ postMessage: (m) => posted.push(m), close: () => endClosed++ }, events);
    const heard: unknown[] = [];
    let closes = 0;
    port.onMessage((m) => heard.push(m));
    port.onClose(() => closes++);

    port.send({ t: 'req' });
    events.emitMessage({ t: 'ok' });
    expect(posted).toEqual([{ t: 'req' }]);
    expect(heard).toEqual([{ t: 'ok' }]);

    port.close();
    events.emitClose(); // the end's own close event, arriving later
    expect(endClosed).toBe(1);
    expect(closes).toBe(1);
    events.emitMessage({ t: 'late' });
    expect(heard).toEqual([{ t: 'ok' }]);
  });
});
