import { z } from 'zod';
import type { AuthApplied } from './auth';
import type { CallKind } from './schema';
import type { HookName, TestResult, TestSummary } from './scripts';
import type { HttpVersion, Protocol } from './target';

/**
 * One ordered log per call. Every event carries a monotonic timestamp in ms relative to the
 * call's start (`t`), so the timeline can show relative and absolute time.
 */
export interface MetadataEntry {
  name: string;
  /** Text value, or base64 for keys ending in -bin. */
  value: string;
}

/** A metadata entry as inputs carry it (call.open, load plans). */
export const MetadataEntrySchema = z.object({
  name: z.string().min(1).max(256),
  value: z.string().max(65_536),
});

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

/** The wire a call uses, as its started event says it. */
export interface CallExchange {
  protocol: Protocol;
  httpVersion: HttpVersion;
  /** The request's content type (application/grpc, application/grpc-web-text+proto, application/json...). */
  contentType: string;
  /** The proxy that carried it, e.g. `http://proxy:3128 (from the target)`; never its credentials. */
  proxy?: string;
}

/** An event of a call as the engine produces it; every message event has its JSON. */
export type EngineCallEvent =
  | {
      type: 'started';
      t: number;
      /** Wall clock at start (ms since epoch); other events are relative to it. */
      at: number;
      target: string;
      method: string;
      kind: CallKind;
      options: Record<string, unknown>;
      /** How the call travels: its protocol, HTTP version and request content type. */
      exchange?: CallExchange;
      /** The auth the call carries and when its token expires; absent without auth. */
      auth?: AuthApplied;
    }
  /** A message the client sent, as JSON (sent messages are few and typed by the user). */
  | { type: 'sent'; t: number; index: number; size: number; json: string }
  | { type: 'received'; t: number; index: number; size: number; json: string }
  | { type: 'headers'; t: number; metadata: MetadataEntry[] }
  | { type: 'trailers'; t: number; metadata: MetadataEntry[] }
  | { type: 'half-closed'; t: number }
  | { type: 'status'; t: number; status: CallStatus; peer?: string }
  /** A client-side failure explained in plain language (also ends with a status event). */
  | { type: 'error'; t: number; message: string; hint?: string }
  /**
   * The workspace scripts that apply to the call, right after 'started': whether they run
   * (the folder is trusted) or were held back.
   */
  | { type: 'scripts'; t: number; files: string[]; trusted: boolean }
  /** A line a script logged with log(...). */
  | { type: 'log'; t: number; text: string; file: string; hook: HookName; index?: number }
  /** A test's result: each of beforeCall and afterCall, and per-message tests that failed (bounded). */
  | { type: 'test'; t: number; result: TestResult }
  /** Every test result so far, counted; the last one before the status is the call's total. */
  | { type: 'tests'; t: number; summary: TestSummary };

/**
 * Messages from the server that cross the contract without their JSON, packed: message
 * `index + i` arrived at `times[i]` (ms since the start) with `sizes[i]` bytes; `t` is `times[0]`.
 * Producing JSON for every message halves a fast stream's rate, and one object per message
 * costs the rest: only the first messages of a call and those of slow streams come as 'received'
 * events with JSON; the UI asks the engine (call.messages) for the rows it shows.
 */
export interface ReceivedRun {
  type: 'received-run';
  t: number;
  index: number;
  times: number[];
  sizes: number[];
}

/** One ordered log per call, as it crosses the contract. */
export type CallEvent = EngineCallEvent | ReceivedRun;
