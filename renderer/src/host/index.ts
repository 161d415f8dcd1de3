import { isElectron, receiveElectronPort } from './electron-host';
import type { Host } from './types';
import { connectWebSocket, tokenFromLocation } from './websocket-host';

export type { Host } from './types';

/**
 * The only code that knows which face we are in. Both faces load the same built bundle (a
 * second build per face would double build time for no gain), so the choice is made here once,
 * at start-up, from how the page was loaded.
 */
export async function connectHost(): Promise<Host> {
  if (isElectron()) return { kind: 'electron', port: await receiveElectronPort() };
  const token = tokenFromLocation();
  if (!token) {
    throw new Error('This page needs the address Loupe printed when it started (it ends with #token=...).');
  }
  return { kind: 'browser', port: await connectWebSocket(token) };
}
