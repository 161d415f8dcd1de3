import { api } from './client';

/**
 * The last received messages of a call rendered again by the engine with default values shown.
 * Nothing is sent to the server: the engine keeps the call's messages.
 */
export async function receivedWithDefaults(callId: string, keep = 50): Promise<string[]> {
  const page = await api().request('call.messages', { callId, count: keep * 2, emitDefaults: true });
  return page.messages
    .filter((m) => m.direction === 'received')
    .slice(-keep)
    .map((m) => m.json);
}
