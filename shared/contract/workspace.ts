import { z } from 'zod';
import {
  EnvironmentFileSchema,
  ItemNameSchema,
  ItemPathSchema,
  SavedRequestSchema,
  WorkspaceFileSchema,
  type EnvironmentView,
  type HistoryEntry,
  type HistorySummary,
  type ResolvedRequest,
  type WorkspaceChange,
  type WorkspaceSnapshot,
} from '../model/workspace';
import { request, stream } from '../protocol/define';

/**
 * The workspace part of the contract: collections, environments, secrets, history. Spread into
 * loupeContract (contract/index.ts) so there is still one contract.
 *
 * Every workspace entry names its folder (`root`, an absolute path on the engine's machine): the
 * engine keeps no "current workspace" per connection, so two windows may hold two workspaces.
 */
const Root = { root: z.string().min(1).max(4096) };
const ItemPath = ItemPathSchema;
const EnvironmentName = ItemNameSchema;
/**
 * The version the caller's copy of a file came from (null: it expects no file there). When the
 * file on disk is no longer that one, the save is refused with CONFLICT; absent: overwrite.
 */
const BaseVersion = z.string().max(200).nullable().optional();

export const workspaceContract = {
  /** Load a workspace folder (create: make an empty one if none is there). Bad files are `problems`. */
  'workspace.open': request<WorkspaceSnapshot>()(z.object({ ...Root, create: z.boolean().default(false) })),
  /** Replace loupe.workspace.json (named targets, default environment); answers its new version. */
  'workspace.saveSettings': request<string>()(
    z.object({ ...Root, workspace: WorkspaceFileSchema, baseVersion: BaseVersion }),
  ),
  /**
   * Write the saved request at `path` (folders are created as needed); answers its new version.
   * `baseVersion`: see BaseVersion.
   */
  'workspace.saveRequest': request<string>()(
    z.object({ ...Root, path: ItemPath, request: SavedRequestSchema, baseVersion: BaseVersion }),
  ),
  'workspace.createFolder': request<null>()(z.object({ ...Root, path: ItemPath })),
  /** Delete a saved request, or a folder and everything in it. */
  'workspace.delete': request<null>()(z.object({ ...Root, path: ItemPath })),
  /** Move a request or folder to another path; refuses to overwrite. */
  'workspace.move': request<null>()(z.object({ ...Root, from: ItemPath, to: ItemPath })),
  /** Rename in place; answers the new path. */
  'workspace.rename': request<string>()(z.object({ ...Root, path: ItemPath, name: ItemNameSchema })),
  /** Copy beside itself as "name (2)"; answers the new path. */
  'workspace.duplicate': request<string>()(z.object({ ...Root, path: ItemPath })),
  /** Changes made to the folder by others (git pull, an editor), until cancelled. */
  'workspace.changes': stream<WorkspaceChange>()(z.object(Root)),
  /**
   * A saved request with the environment (default: the active one) applied. Secrets read as
   * {{name}}: their values never leave the engine (call.open with the environment sends them).
   */
  'workspace.resolveRequest': request<ResolvedRequest>()(
    z.object({ ...Root, path: ItemPath, environment: EnvironmentName.nullable().optional() }),
  ),
  /** The whole collection (requests, folders, the targets they use) as one JSON text. */
  'collection.export': request<string>()(z.object({ ...Root, folder: ItemPath.optional() })),
  /** Add an exported collection under `into` (default: the top); answers the paths created. */
  'collection.import': request<string[]>()(
    z.object({ ...Root, text: z.string().max(64 * 1024 * 1024), into: ItemPath.optional() }),
  ),

  /** Write environments/<name>.json; answers its new version. `baseVersion`: see BaseVersion. */
  'environment.save': request<string>()(
    z.object({ ...Root, name: EnvironmentName, environment: EnvironmentFileSchema, baseVersion: BaseVersion }),
  ),
  'environment.delete': request<null>()(z.object({ ...Root, name: EnvironmentName })),
  /** The environments with where each secret would come from (never the secret values). */
  'environment.list': request<EnvironmentView[]>()(z.object(Root)),
  /** The active environment is a per-user choice, kept in the app's data folder. */
  'environment.getActive': request<string | null>()(z.object(Root)),
  'environment.setActive': request<null>()(z.object({ ...Root, name: EnvironmentName.nullable() })),

  /** Store a secret variable's value outside the workspace (OS keychain or a 0600 file). */
  'secret.set': request<null>()(
    z.object({
      ...Root,
      environment: EnvironmentName,
      name: z.string().min(1).max(256),
      value: z.string().max(1024 * 1024),
    }),
  ),
  'secret.delete': request<null>()(
    z.object({ ...Root, environment: EnvironmentName, name: z.string().min(1).max(256) }),
  ),

  /**
   * Workspace scripts. A folder's scripts run only once its user trusted it (kept per user, by
   * the folder's real path); until then calls go without them and say so.
   */
  'scripts.status': request<{ trusted: boolean; files: string[] }>()(z.object(Root)),
  'scripts.trust': request<null>()(z.object({ ...Root, trusted: z.boolean() })),
  /** The scripts that apply to a saved request, outermost first (text null: no such file yet). */
  'scripts.read': request<{ files: Array<{ file: string; text: string | null }>; trusted: boolean }>()(
    z.object({ ...Root, path: ItemPath }),
  ),
  /** Write a request's own script (requests/<path>.js); an empty text removes it. */
  'scripts.save': request<null>()(z.object({ ...Root, path: ItemPath, text: z.string().max(1024 * 1024) })),
  /** Store a received value (JSON text) as a request's approved snapshot `name`. */
  'scripts.approve': request<null>()(
    z.object({ ...Root, path: ItemPath, name: z.string().min(1).max(256), value: z.string().max(64 * 1024 * 1024) }),
  ),
  /** The values scripts set with env.set for an environment (null: none active), and forgetting them. */
  'scripts.values': request<Record<string, string>>()(z.object({ ...Root, environment: EnvironmentName.nullable() })),
  'scripts.clearValues': request<null>()(z.object({ ...Root, environment: EnvironmentName.nullable() })),

  /** Recorded calls, newest first; `before` pages by entry id. */
  'history.list': request<HistorySummary[]>()(
    z.object({ limit: z.number().int().positive().max(1000).default(100), before: z.string().optional() }),
  ),
  'history.search': request<HistorySummary[]>()(
    z.object({ query: z.string().max(1000), limit: z.number().int().positive().max(1000).default(100) }),
  ),
  /** One entry in full, to reopen it as a request. */
  'history.get': request<HistoryEntry>()(z.object({ id: z.string().min(1).max(128) })),
  'history.clear': request<null>()(z.object({})),
};
