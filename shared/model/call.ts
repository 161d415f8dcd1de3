import type { CallKind } from './schema';

/**
 * One ordered log per call. Every event carries a monotonic timestamp in ms relative to the
 * call's start (`t`), so the timeline can show relative and absolute time.
 */
export interface MetadataEntry {
  name: string;
  /** Text value, or base64 for keys ending in -bin. */
  value: string;
}

export interface StatusDetail {
  /** Fully-qualified type name of the detail (from its Any type URL). */
  type: string;
  /** Canonical proto3 JSON, when the registry knows the type. */
  json?: unknown;
  /** Base64 of the raw value, when it does not. */
  raw?: string;
}

export interface CallStatus {
  code: number;
  /** OK, CANCELLED, UNKNOWN, ... */
  name: string;
  message: string;
  details: StatusDetail[];
}

export type CallEvent =
  | {
      type: 'started';
      t: number;
      /** Wall clock at start (ms since epoch); other events are relative to it. */
      at: number;
      target: string;
      method: string;
      kind: CallKind;
      options: Record<string, unknown>;
    }
  /** A message the client sent, as JSON (sent messages are few and typed by the user). */
  | { type: 'sent'; t: number; index: number; size: number; json: string }
  /**
   * A message from the server. Across the contract only the first messages and those of slow
   * streams carry their JSON: producing it for every message halves a fast stream's rate, so the
   * UI asks the engine (call.messages) for the rows it shows.
   */
  | { type: 'received'; t: number; index: number; size: number; json?: string }
  | { type: 'headers'; t: number; metadata: MetadataEntry[] }
  | { type: 'trailers'; t: number; metadata: MetadataEntry[] }
  | { type: 'half-closed'; t: number }
  | { type: 'status'; t: number; status: CallStatus; peer?: string }
  /** A client-side failure explained in plain language (also ends with a status event). */
  | { type: 'error'; t: number; message: string; hint?: string };

export type CallEventType = CallEvent['type'];

/** In the engine's own process every message event has its JSON (computed on first read). */
export type EngineCallEvent =
  | Exclude<CallEvent, { type: 'received' }>
  | (Extract<CallEvent, { type: 'received' }> & { json: string });
