import { z } from 'zod';
import type { AuthSignIn } from '../model/auth';
import { MetadataEntrySchema, type CallEvent } from '../model/call';
import { DRIFT_CATEGORIES, DriftSourceSchema, type DriftReport, type SnapshotFile } from '../model/drift';
import type { MethodInfo, SchemaSummary } from '../model/schema';
import type { MessageForm } from '../model/message-form';
import type { UnknownField } from '../model/unknown-fields';
import { DEFAULT_KEEP_MESSAGES, KEEP_LIMITS } from '../model/keep';
import { TargetSettingsSchema, type ConnectivityState } from '../model/target';
import { request, stream } from '../protocol/define';
import { EnvironmentSchema } from './environment';
import { loadContract } from './load';
import { formatsContract } from './formats';
import { mockContract } from './mock';
import { workspaceContract } from './workspace';

/**
 * THE API between the UI and the engine, declared once. The engine must implement every entry
 * (Handlers<LoupeContract> fails to compile otherwise) and the UI can only call what is here.
 * Inputs are validated at runtime on both transports; only JSON crosses: int64 as strings,
 * bytes as base64, request bodies as the text the user typed.
 */

const TargetInput = { target: TargetSettingsSchema, environment: EnvironmentSchema.optional() };
/** Fully-qualified method: pkg.Service/Method (also accepts /pkg.Service/Method, pkg.Service.Method). */
const MethodName = z.string().min(3).max(512);

export interface AppInfo {
  name: string;
  version: string;
  /** Address of the embedded demo server, when it runs. */
  demoAddress?: string;
  /** Address of the demo's gRPC-Web, gRPC-Web text and Connect server, when it runs. */
  demoWebAddress?: string;
  /** What this host can do; the UI asks these instead of checking the platform. */
  capabilities: {
    nativeFileDialogs: boolean;
  };
}

/** What the UI asks the host's native file dialog for; paths come back absolute. */
export const PickFilesInputSchema = z.object({
  title: z.string().min(1).max(200),
  /** Extensions without the dot, e.g. ['proto']; ignored when picking directories. */
  filters: z
    .array(
      z.object({
        name: z.string().min(1).max(100),
        extensions: z
          .array(z.string().regex(/^[\w*+-]{1,20}$/))
          .min(1)
          .max(20),
      }),
    )
    .max(10)
    .optional(),
  multiple: z.boolean().default(false),
  directory: z.boolean().default(false),
});
export type PickFilesInput = z.output<typeof PickFilesInputSchema>;

export interface MessagePage {
  /** Messages recorded for the call, sent and received. */
  total: number;
  /** Oldest position still kept. */
  first: number;
  messages: Array<{
    /** Place among all the call's messages, sent and received, in the order they happened. */
    position: number;
    /** Place among the messages of its direction. */
    index: number;
    direction: 'sent' | 'received';
    /** Milliseconds since the call started. */
    t: number;
    /** Bytes on the wire. */
    size: number;
    json: string;
    /** The JSON was cut to the preview length asked for. */
    truncated?: boolean;
    /** Fields the message's type does not know (asked with `unknownFields`; absent when none). */
    unknown?: UnknownField[];
  }>;
}

/** A slice of one kept message's JSON text (see call.jsonSlice). */
export interface JsonSlice {
  text: string;
  /** Where `text` starts in the whole JSON text, in characters. */
  offset: number;
  /** Characters in the whole JSON text. */
  total: number;
}

export interface FindResult {
  /** Positions of the matching messages, in order. */
  positions: number[];
  /** Where to go on from: the search stopped at the limit or at the last message kept so far. */
  scannedTo: number;
  first: number;
  total: number;
}

export interface MethodDetails {
  method: MethodInfo;
  /** A JSON request example with every field present, to prefill the editor. */
  template: string;
  /** JSON Schema of the request message, for editor validation and completion. */
  requestSchema: Record<string, unknown>;
  /** Proto-like source of the method and its messages. */
  description: string;
}

export const loupeContract = {
  /** Who we are, and the capabilities of this host. */
  'app.info': request<AppInfo>()(z.object({})),

  /**
   * Let the user choose files (or folders) with the host's native dialog. Empty when cancelled;
   * UNSUPPORTED where the host has none (browser mode: the page cannot learn real paths).
   */
  'host.pickFiles': request<string[]>()(PickFilesInputSchema),

  /**
   * The connectivity of the target's channel (the one reflection and calls share): the current
   * state at once, then every change, until cancelled.
   */
  'target.state': stream<{ state: ConnectivityState }>()(z.object(TargetInput)),

  /**
   * Browser sign-ins the engine needs (OAuth 2.0 authorization code and device flows): the page
   * to open and the code to type there, as they come, until cancelled.
   */
  'auth.signIns': stream<AuthSignIn>()(z.object({})),

  /** Load (or reload with refresh) a target's schema from its sources; cached per target. */
  'schema.load': request<SchemaSummary>()(z.object({ ...TargetInput, refresh: z.boolean().default(false) })),
  /** Everything the request editor needs for one method. */
  'schema.method': request<MethodDetails>()(z.object({ ...TargetInput, method: MethodName })),
  /**
   * What a form of a message type needs (its fields, oneofs, enums with comments, well-known
   * types) for it and every type it reaches; by full name, so an Any's chosen type comes alike.
   */
  'schema.form': request<MessageForm>()(z.object({ ...TargetInput, typeName: z.string().min(1).max(512) })),
  /** Proto-like description of a service, method or message. */
  'schema.describe': request<string>()(z.object({ ...TargetInput, symbol: z.string().min(1).max(512) })),

  /**
   * Open a call of any kind. The caller mints `callId` (to address later sends) and the stream
   * carries the call's ordered event log. Cancelling the stream cancels the call.
   */
  'call.open': stream<CallEvent>()(
    z.object({
      ...TargetInput,
      callId: z.string().min(1).max(128),
      method: MethodName,
      /** JSON texts: the request for unary and server streaming, first messages for client and bidi. */
      messages: z.array(z.string().max(64 * 1024 * 1024)).default([]),
      metadata: z.array(MetadataEntrySchema).default([]),
      deadlineMs: z.number().int().positive().optional(),
      emitDefaults: z.boolean().default(false),
      /**
       * A workspace environment to apply: {{variables}} (secrets too, resolved in the engine) in the
       * address, metadata and messages, and the target's relative paths against the workspace.
       */
      environment: EnvironmentSchema.optional(),
      /** The saved request this call came from: its history entry, and the scripts that run around it. */
      requestPath: z.string().min(1).max(4096).optional(),
      /** The request's own script as the editor holds it (run instead of its saved file). */
      script: z
        .string()
        .max(1024 * 1024)
        .optional(),
      /** How many messages the engine keeps for call.messages / call.find (the oldest are let go). */
      keep: z.number().int().min(KEEP_LIMITS.min).max(KEEP_LIMITS.max).default(DEFAULT_KEEP_MESSAGES),
    }),
  ),
  /** Send one more message on an open client or bidi stream. */
  'call.send': request<null>()(z.object({ callId: z.string().min(1), message: z.string().max(64 * 1024 * 1024) })),
  /**
   * Read a call's messages again from the engine, e.g. with default values shown. Kept until
   * call.release (or the connection closes), bounded per call; `first` says how many were let go.
   */
  'call.messages': request<MessagePage>()(
    z.object({
      callId: z.string().min(1),
      /** Position of the first message (default: the last `count`). */
      from: z.number().int().nonnegative().optional(),
      count: z.number().int().positive().max(1000).default(50),
      emitDefaults: z.boolean().default(false),
      /**
       * Cut each JSON text to this many characters (for one-line previews, or the first slice of a
       * big response: call.jsonSlice reads the rest).
       */
      preview: z
        .number()
        .int()
        .positive()
        .max(1024 * 1024)
        .optional(),
      /**
       * Indented JSON, produced here: formatting a 20 MB message in the window would hold up its
       * main thread for longer than the engine takes to print it.
       */
      pretty: z.boolean().default(false),
      /** List each message's unknown fields, decoded (for the message shown, not for every row). */
      unknownFields: z.boolean().default(false),
    }),
  ),
  /**
   * A slice of one kept message's JSON text, `length` characters from `offset`. A response of
   * tens of megabytes crosses to the window in slices, each a short task to receive and parse,
   * instead of one envelope that holds the window's main thread for as long as it takes to parse.
   * The engine renders the message once and serves every slice of it from that text.
   */
  'call.jsonSlice': request<JsonSlice>()(
    z.object({
      callId: z.string().min(1),
      position: z.number().int().nonnegative(),
      offset: z.number().int().nonnegative().default(0),
      length: z
        .number()
        .int()
        .positive()
        .max(16 * 1024 * 1024)
        .default(256 * 1024),
      emitDefaults: z.boolean().default(false),
      pretty: z.boolean().default(false),
    }),
  ),
  /**
   * Positions of a call's kept messages whose JSON contains `text` (case-insensitive), optionally
   * of one direction only, from position `from` on, at most `limit`.
   */
  'call.find': request<FindResult>()(
    z.object({
      callId: z.string().min(1),
      text: z.string().min(1).max(1000),
      direction: z.enum(['sent', 'received']).optional(),
      from: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(1_000_000).default(100_000),
    }),
  ),
  /** The UI no longer needs a call's messages (its tab closed or was re-sent). */
  'call.release': request<null>()(z.object({ callId: z.string().min(1) })),
  /** End the client side of a client or bidi stream. */
  'call.halfClose': request<null>()(z.object({ callId: z.string().min(1) })),
  /**
   * Cancel a call as its user asked. The call ends like any other, its CANCELLED status reaching
   * the caller's call.open stream (cancelling that stream instead would drop its end). A call still
   * opening is cancelled as it starts; one already ended is left as it is.
   */
  'call.cancel': request<null>()(z.object({ callId: z.string().min(1) })),

  /**
   * Contract drift: what changed from `base` to `other` and whom it breaks. A target side is asked
   * again (not the cached schema); the environment applies to target sides, and relative paths
   * resolve against its workspace folder.
   */
  'drift.compare': request<DriftReport>()(
    z.object({
      base: DriftSourceSchema,
      other: DriftSourceSchema,
      category: z.enum(DRIFT_CATEGORIES).default('WIRE_JSON'),
      environment: EnvironmentSchema.optional(),
    }),
  ),
  /**
   * Save `source` as a snapshot named `name`: at `path` (absolute, or relative to the workspace),
   * by default `snapshots/<name>.binpb` in the environment's workspace, with its text beside it.
   */
  'drift.saveSnapshot': request<SnapshotFile>()(
    z.object({
      source: DriftSourceSchema,
      name: z.string().trim().min(1).max(200),
      path: z.string().min(1).max(4096).optional(),
      environment: EnvironmentSchema.optional(),
    }),
  ),
  /** The snapshots in a workspace's `snapshots/` folder, with their names and dates. */
  'drift.snapshots': request<SnapshotFile[]>()(z.object({ root: z.string().min(1).max(4096) })),

  ...workspaceContract,
  ...mockContract,
  ...loadContract,
  ...formatsContract,
};

export type LoupeContract = typeof loupeContract;
