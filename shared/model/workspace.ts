import { z } from 'zod';
import { TargetSettingsSchema, type TargetSettingsInput } from './target';

/**
 * The on-disk format of a workspace: a folder of plain JSON files meant to live in git.
 *
 *   loupe.workspace.json            targets and settings
 *   requests/<folders>/<name>.json  one saved request per file; folders are the collection's folders
 *   environments/<name>.json        one environment per file (secret values are never stored here)
 *
 * Every file carries `version`. Objects are loose: fields a newer version adds survive a
 * load -> save by an older Loupe. Targets are kept exactly as written (validated, but defaults are
 * not filled in), so saving never adds noise to a diff.
 */
export const WORKSPACE_FORMAT_VERSION = 1;
export const WORKSPACE_FILE = 'loupe.workspace.json';
export const REQUESTS_DIR = 'requests';
export const ENVIRONMENTS_DIR = 'environments';

/** A saved request's file relative to the workspace folder, '/'-separated, as problems name it. */
export function requestFile(path: string): string {
  return `${REQUESTS_DIR}/${path}.json`;
}

/** An environment's file relative to the workspace folder, as problems name it. */
export function environmentFile(name: string): string {
  return `${ENVIRONMENTS_DIR}/${name}.json`;
}

/** A version this Loupe can read: any 1.x file; newer major versions are refused by name. */
const Version = z
  .number()
  .int()
  .positive()
  .refine((v) => v <= WORKSPACE_FORMAT_VERSION, {
    message: `was written by a newer Loupe (this one reads version ${WORKSPACE_FORMAT_VERSION})`,
  });

/**
 * A target as written in a file: validated with TargetSettingsSchema, stored untouched (no
 * defaults added, unknown fields kept).
 */
export const StoredTargetSchema = z.looseObject({}).superRefine((value, ctx) => {
  const parsed = TargetSettingsSchema.safeParse(value);
  if (!parsed.success)
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom', path: issue.path });
}) as unknown as z.ZodType<TargetSettingsInput & Record<string, unknown>>;

/** Names of files and folders: portable across file systems, no path tricks. */
export const ItemNameSchema = z
  .string()
  .min(1, 'a name is required')
  .max(120)
  .refine(
    (n) => !/[<>:"/\\|?*]/.test(n) && ![...n].some((c) => c.charCodeAt(0) < 0x20),
    'a name may not contain < > : " / \\ | ? * or control characters',
  )
  .refine(
    (n) => !n.startsWith('.') && n.trim() === n && !n.endsWith('.'),
    'a name may not start or end with a dot or a space',
  )
  // requests/<folder>/_folder.js is the folder's script, so no request may own that file.
  .refine((n) => n !== '_folder', "'_folder' is reserved for a folder's script (_folder.js)");

/** Path of a request or folder inside requests/, '/'-separated, without the .json extension. */
export const ItemPathSchema = z
  .string()
  .min(1)
  .max(1000)
  .superRefine((p, ctx) => {
    for (const part of p.split('/')) {
      const r = ItemNameSchema.safeParse(part);
      if (!r.success) ctx.addIssue({ code: 'custom', message: `'${part}' in '${p}': ${r.error.issues[0]?.message}` });
    }
  });

/** The last segment of an item path: the name of the request or folder. */
export function itemName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The folder an item is in: '' at the top level. */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Every folder an item is inside, outermost first: 'a/b/c' is inside 'a' and 'a/b'. */
export function enclosingFolders(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Whether the item at `path` is the folder `folder` itself or inside it (item paths, '/'-separated). */
export function isAtOrInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

export const WorkspaceFileSchema = z.looseObject({
  version: Version,
  name: z.string().optional(),
  /** Named targets that saved requests refer to by name. */
  targets: z.record(z.string().min(1), StoredTargetSchema).default({}),
  /** The environment the CLI uses when --env is not given. */
  defaultEnvironment: z.string().optional(),
  /** Bounds on the workspace's scripts; each has a default (see scripts/protocol.ts). */
  scriptLimits: z
    .looseObject({
      /** CPU time one hook (or a batch of messages through onMessage) may take, in ms. */
      cpuMs: z.number().int().min(10).max(600_000).optional(),
      /** Heap of the thread the scripts run in, in MB. */
      memoryMb: z.number().int().min(16).max(8192).optional(),
      /** How long one hook may take in all, helper calls included, in ms. */
      wallMs: z.number().int().min(100).max(3_600_000).optional(),
    })
    .optional(),
});
export type WorkspaceFile = z.output<typeof WorkspaceFileSchema>;

export const MetadataRowSchema = z.looseObject({
  name: z.string().min(1),
  value: z.string(),
  /** Rows can be kept but switched off; absent means on. */
  enabled: z.boolean().optional(),
});
export type MetadataRow = z.output<typeof MetadataRowSchema>;

/**
 * A request body as stored: a JSON value when the text was plain 2-space JSON (so a diff shows
 * the changed field), otherwise the exact text (templates with {{vars}}, big int64 literals...).
 */
export const StoredBodySchema = z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]);

export const SavedRequestSchema = z.looseObject({
  version: Version,
  /** The name of a workspace target, or target settings of its own. */
  target: z.union([z.string().min(1), StoredTargetSchema]),
  /** pkg.Service/Method */
  method: z.string().min(3),
  /** The request (unary, server streaming). */
  body: StoredBodySchema.optional(),
  /** The messages to send, in order (client and bidi streaming). */
  messages: z.array(StoredBodySchema).optional(),
  metadata: z.array(MetadataRowSchema).optional(),
  deadlineMs: z.number().int().positive().optional(),
  options: z.looseObject({ emitDefaults: z.boolean().optional() }).optional(),
});
export type SavedRequest = z.output<typeof SavedRequestSchema>;

export const VariableSchema = z.looseObject({
  name: z
    .string()
    .regex(/^[A-Za-z_][\w.-]*$/, 'a variable name is letters, digits, _ . - and starts with a letter or _'),
  /** Absent for secrets: their values live outside the workspace. */
  value: z.string().optional(),
  secret: z.boolean().optional(),
});
export type Variable = z.output<typeof VariableSchema>;

export const EnvironmentFileSchema = z
  .looseObject({
    version: Version,
    variables: z.array(VariableSchema).default([]),
    /**
     * The proxy of every target used in this environment that names none itself: a URL
     * (`http://user:{{proxyPassword}}@proxy:3128`, `socks5://…`) or "none".
     */
    proxy: z.string().trim().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    const seen = new Set<string>();
    env.variables.forEach((v, i) => {
      if (seen.has(v.name))
        ctx.addIssue({ code: 'custom', path: ['variables', i, 'name'], message: `'${v.name}' is defined twice` });
      seen.add(v.name);
      if (v.secret && v.value !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['variables', i, 'value'],
          message: `secret '${v.name}' may not have a value in the workspace`,
        });
      }
    });
  });
export type EnvironmentFile = z.output<typeof EnvironmentFileSchema>;

/** A request ready to send: environment applied, target resolved, bodies as text. */
export interface ResolvedRequest {
  target: z.output<typeof TargetSettingsSchema>;
  method: string;
  messages: string[];
  metadata: Array<{ name: string; value: string }>;
  deadlineMs?: number;
  emitDefaults: boolean;
}

/** A whole collection in one file, for sharing outside git. */
export const COLLECTION_EXPORT_KIND = 'loupe.collection';
export const CollectionExportSchema = z.looseObject({
  kind: z.literal(COLLECTION_EXPORT_KIND),
  version: Version,
  targets: z.record(z.string().min(1), StoredTargetSchema).default({}),
  folders: z.array(ItemPathSchema).default([]),
  requests: z.array(z.looseObject({ path: ItemPathSchema, request: SavedRequestSchema })).default([]),
});
export type CollectionExport = z.output<typeof CollectionExportSchema>;

/** A problem with one file; the rest of the workspace still loads. */
export interface WorkspaceProblem {
  /** Path relative to the workspace folder, '/'-separated. */
  file: string;
  message: string;
  line?: number;
  column?: number;
}

/** An environment as the UI sees it: secret values are never included, only whether one is set. */
export interface EnvironmentView {
  name: string;
  environment: EnvironmentFile;
  /** Identifies the content read, as for requests: environment.save names it to refuse overwriting a newer file. */
  version: string;
  secrets: Array<{ name: string; source: 'store' | 'process-env' | 'missing' }>;
}

export interface WorkspaceSnapshot {
  /** Absolute path of the workspace folder. */
  root: string;
  workspace: WorkspaceFile;
  /** The version of loupe.workspace.json (absent when it could not be read: see problems). */
  workspaceVersion?: string;
  folders: string[];
  /** `version` identifies the content read; a save names it to refuse overwriting a newer file. */
  requests: Array<{ path: string; request: SavedRequest; version: string }>;
  environments: EnvironmentView[];
  activeEnvironment: string | null;
  problems: WorkspaceProblem[];
}

/** What the watcher reports: a file changed on disk by someone else (git pull, an editor). */
export type WorkspaceChange =
  /** First event: the watcher is running. Load (workspace.open) after it and nothing is missed. */
  | { kind: 'watching' }
  | { kind: 'workspace'; workspace?: WorkspaceFile; version?: string; problem?: WorkspaceProblem }
  | {
      kind: 'request';
      path: string;
      removed: boolean;
      request?: SavedRequest;
      version?: string;
      problem?: WorkspaceProblem;
    }
  | { kind: 'folder'; path: string; removed: boolean }
  | {
      kind: 'environment';
      name: string;
      removed: boolean;
      environment?: EnvironmentFile;
      version?: string;
      problem?: WorkspaceProblem;
    };

/** One recorded call (kept in the app's data folder, never in the workspace). */
export interface HistoryEntry {
  id: string;
  /** Wall clock at start, ms since epoch. */
  at: number;
  durationMs: number;
  /** The saved request it came from, when it did. */
  workspace?: string;
  requestPath?: string;
  /** The environment whose variables were applied, if any. */
  environment?: string;
  /**
   * The target, metadata and request messages as the user wrote them, {{variables}} in place:
   * reopening an entry gives back the template, and no secret's value is ever kept here.
   */
  target: ResolvedRequest['target'];
  /** The address dialled, plain variables applied (a secret shows as {{name}}); when it differs from target.address. */
  resolvedAddress?: string;
  method: string;
  metadata: Array<{ name: string; value: string }>;
  /** Request messages as typed (bounded like responses). */
  requests: string[];
  deadlineMs?: number;
  status?: { code: number; name: string; message: string };
  /** A local failure explained (no connection, bad certificate...). */
  error?: string;
  /** The first response messages (JSON), each cut at a size limit. */
  responses: string[];
  responseCount: number;
  /** True when messages were left out or cut to keep the entry small. */
  truncated: boolean;
  /** What the call's scripts tested, when it had any: counts, and the failures (bounded). */
  tests?: { passed: number; failed: number; failures: Array<{ name: string; message: string; index?: number }> };
}

export type HistorySummary = Pick<
  HistoryEntry,
  'id' | 'at' | 'durationMs' | 'method' | 'status' | 'error' | 'requestPath' | 'responseCount' | 'tests'
> & {
  address: string;
};
