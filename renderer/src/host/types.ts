import type { Port } from '../../../shared/protocol/port';

/** What the page needs from whatever hosts it. Features ask capabilities, never the platform. */
export interface Host {
  kind: 'electron' | 'browser';
  port: Port;
}
