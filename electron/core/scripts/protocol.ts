/**
 * What the engine, the script worker and the sandbox's prelude say to each other. Between the
 * worker and its sandbox only JSON text passes; between the engine and the worker, these
 * structured-clone messages.
 */
import type { HookName, TestResult, TestSummary } from '../../../shared/model/scripts';

/** What the prelude is given before the scripts load. */
export interface PreludeInit {
  /** The active environment's variables, resolved (secrets too: they stay in the engine). */
  variables: Record<string, string>;
  /** Approved snapshots of this request, by name, as JSON text. */
  approved: Record<string, string>;
  /** How many received messages afterCall's `response.messages` keeps (the last ones). */
  keepMessages: number;
}

export interface LogLine {
  text: string;
  file: string;
  hook: HookName;
  index?: number;
}

export interface HelperCallRequest {
  id: number;
  /** The hook that made it, for the timeline's row. */
  file: string;
  hook: HookName;
  method: string;
  body: string;
  metadata: Array<{ name: string; value: string }>;
  deadlineMs?: number;
}

export interface HookError {
  message: string;
  hook: HookName;
  file: string;
  line?: number;
}

/** What the sandbox produced since the last look. */
export interface Outbox {
  logs: LogLine[];
  results: TestResult[];
  envSets: Array<{ name: string; value: string; secret: boolean }>;
  calls: HelperCallRequest[];
  /** Invocations that finished: their result as JSON text, or the hook's failure. */
  done: Array<{ id: number; result?: string; error?: HookError }>;
  summary?: TestSummary;
  droppedLogs?: number;
}

export interface ScriptSource {
  /** Relative to the workspace folder, '/'-separated: how errors and results name it. */
  file: string;
  code: string;
}

export interface ScriptLimits {
  /** CPU time one step of a script may take (a hook, or a batch of messages through onMessage). */
  cpuMs: number;
  /** Heap of the worker the scripts run in. */
  memoryMb: number;
  /** How long a hook may take in all, waiting on helper calls included. */
  wallMs: number;
}

export const DEFAULT_SCRIPT_LIMITS: ScriptLimits = { cpuMs: 5_000, memoryMb: 256, wallMs: 60_000 };

export type ToWorker =
  | {
      type: 'init';
      files: ScriptSource[];
      init: PreludeInit;
      /** The schema as a FileDescriptorSet, to decode received messages in the worker. */
      descriptors: Uint8Array;
      outputType: string;
      limits: ScriptLimits;
    }
  | { type: 'invoke'; id: number; kind: 'beforeCall' | 'beforeSend' | 'afterCall'; input: string }
  /** Received messages as wire bytes, concatenated; `sizes` splits them. Decoded in the worker. */
  | { type: 'messages'; id: number; first: number; bytes: Uint8Array; sizes: number[] }
  | { type: 'settle-call'; id: number; answer: string };

export type FromWorker =
  | { type: 'ready'; hooks: Record<HookName, number> }
  /** A script failed to load (syntax error, a throw at the top level, a runaway loop). */
  | { type: 'load-failed'; error: HookError }
  | { type: 'outbox'; outbox: Outbox }
  /** The CPU limit ended a step: the sandbox cannot be trusted to continue. */
  | { type: 'fatal'; error: HookError };
