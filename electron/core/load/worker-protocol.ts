import type { CallKind } from '../../../shared/model/schema';
import type { LoadSchedule } from '../../../shared/model/load';
import type { MetadataEntry } from '../../../shared/model/call';
import type { TargetSettings } from '../../../shared/model/target';
import type { TlsFiles } from '../calls/tls-files';

/** What each call sends: bytes encoded once, or templates the worker fills in and encodes per call. */
export type WorkerBodies =
  | { kind: 'bytes'; messages: Uint8Array[] }
  | {
      kind: 'templates';
      messages: string[];
      /** The schema as a FileDescriptorSet, and the request's type in it. */
      files: Uint8Array;
      inputType: string;
    };

/** Everything one worker thread needs; structured-cloned, so plain data only. */
export interface WorkerInit {
  index: number;
  /** All the workers: worker i numbers its calls i, i + workers, ... so `{{$seq}}` is unique. */
  workers: number;
  /** The target as resolved (environment applied), for the channel's credentials and options. */
  target: TargetSettings;
  tlsFiles: TlsFiles;
  /** What the channels dial: the target's address, or the engine's loopback proxy forwarder. */
  dialAddress: string;
  viaProxy: boolean;
  /** `/pkg.Service/Method`. */
  path: string;
  callKind: CallKind;
  connections: number;
  concurrency: number;
  /** This worker's share of the measured calls; undefined: until the duration ends or a stop. */
  calls?: number;
  durationMs?: number;
  warmupCalls: number;
  warmupMs: number;
  schedule?: LoadSchedule;
  /** This worker's part of the schedule's rate. */
  share: number;
  deadlineMs: number;
  bodies: WorkerBodies;
  /** Metadata values may hold placeholders too. */
  metadata: MetadataEntry[];
  streamMessages: number;
  streamIntervalMs: number;
  rows?: Array<Record<string, string>>;
  /** The data file's columns (what `{{$row.name}}` may name). */
  columns?: string[];
  pick: 'sequence' | 'random';
  /** How often to report, ms. */
  tickMs: number;
  /**
   * Calls due that may wait for a free slot: past this the server is far behind the rate, and
   * the run ends saying so rather than holding an ever longer queue.
   */
  maxBacklog: number;
}

export type ToWorker =
  /** Every worker is ready: start at this epoch ms, all at once, so their clocks agree. */
  | { type: 'start'; at: number }
  | { type: 'stop' }
  /** Auth renewed by the engine: these entries replace those of the same names. */
  | { type: 'metadata'; entries: MetadataEntry[] };

/** What a worker measured since its last tick. */
export interface WorkerTick {
  type: 'tick' | 'done';
  index: number;
  phase: 'warmup' | 'measuring';
  /** Encoded HDR histogram of the measured calls that ended in this tick (see latency.ts). */
  histogram: string;
  ended: number;
  warmupEnded: number;
  statusCodes: Record<string, number>;
  /** Per "CODE: message", capped in kinds (see worker). */
  errors: Record<string, number>;
  sent: number;
  received: number;
  /** Epoch ms: the first measured call's send (or schedule) time and the last one's end, so far. */
  firstStart?: number;
  lastEnd?: number;
  /** Calls in flight cancelled by a stop (done only). */
  abandoned: number;
}

export type FromWorker =
  | WorkerTick
  /** Channels made, inputs compiled: waiting for the start. */
  | { type: 'ready'; index: number }
  | { type: 'fatal'; index: number; message: string };
