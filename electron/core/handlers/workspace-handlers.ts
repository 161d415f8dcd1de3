import { createScriptHandlers } from './script-handlers';
import type { workspaceContract } from '../../../shared/contract/workspace';
import { AppError } from '../../../shared/model/errors';
import type { EnvironmentView, WorkspaceChange } from '../../../shared/model/workspace';
import type { Handlers } from '../../../shared/protocol/define';
import { HistoryStore } from '../history';
import { userDataDir } from '../paths';
import { exportWorkspaceCollection, importWorkspaceCollection } from '../workspace/collection-io';
import {
  defaultSecretStore,
  environmentVersion,
  requestVersion,
  resolveRequestAt,
  SecretMask,
  secretStatus,
  WorkspaceLocalState,
  workspaceFileVersion,
  WorkspaceStore,
  type SecretStore,
  type WorkspaceContent,
} from '../workspace';

export interface WorkspaceDeps {
  secrets: SecretStore;
  /** Every secret value this engine has read; what leaves the engine is masked with it. */
  mask: SecretMask;
  /** Settles once the mask knows every stored secret (see learnKnownSecrets). */
  maskReady: Promise<void>;
  history: HistoryStore;
  localState: WorkspaceLocalState;
  /** Supplies LOUPE_SECRET_<NAME> values; process.env in production. */
  env: NodeJS.ProcessEnv;
  onError?: (error: unknown) => void;
}

export interface WorkspaceOptions {
  /** The app's data folder (history, secrets file, per-user workspace state); userDataDir() by default. */
  dataDir?: string;
  /** The desktop app passes its OS-keychain store; browser mode uses a 0600 file in dataDir. */
  secretStore?: SecretStore;
  history?: HistoryStore;
  onInternalError?: (method: string, error: unknown) => void;
}

const depsByOptions = new WeakMap<WorkspaceOptions, WorkspaceDeps>();

/**
 * The stores every connection of one engine shares (the history keeps an in-memory index and
 * serializes its writes, so there must be one per engine), made once per options object.
 */
export function workspaceDepsFor(options: WorkspaceOptions): WorkspaceDeps {
  let deps = depsByOptions.get(options);
  if (!deps) {
    const dataDir = options.dataDir ?? userDataDir();
    const mask = new SecretMask();
    const secrets = options.secretStore ?? defaultSecretStore(dataDir);
    const onError = (error: unknown) => options.onInternalError?.('workspace.changes', mask.error(error));
    deps = {
      secrets,
      mask,
      maskReady: learnKnownSecrets(mask, secrets, process.env).catch(onError),
      // Calls made one after another share a history write every 250 ms (HistoryWriteOptions).
      history: options.history ?? HistoryStore.inDataDir(dataDir, undefined, { spacingMs: 250 }),
      localState: WorkspaceLocalState.inDataDir(dataDir),
      env: process.env,
      onError,
    };
    depsByOptions.set(options, deps);
  }
  return deps;
}

/**
 * Teaches the mask every secret value known before any is used: the stored ones and the
 * LOUPE_SECRET_ variables. A history entry written by an older version, or by a session that
 * used the secret, must not show it when it is listed or reopened.
 */
async function learnKnownSecrets(mask: SecretMask, store: SecretStore, env: NodeJS.ProcessEnv): Promise<void> {
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('LOUPE_SECRET_') && value) mask.add(key.slice('LOUPE_SECRET_'.length).toLowerCase(), value);
  }
  for (const { name, value } of await store.allValues()) mask.add(name, value);
}

/** The workspace entries of the contract for one connection. The engine keeps no workspace state. */
export function createWorkspaceHandlers(deps: WorkspaceDeps): Handlers<typeof workspaceContract> {
  /**
   * One store per folder for this connection: the watcher tells the connection's own writes from
   * others' by what its store wrote, so saves and the watcher must share it (a store per request
   * reported every save back as an outside change, which reset the editor under the user's
   * typing). Another connection (another window) has its own, and sees those writes as changes.
   */
  const stores = new Map<string, WorkspaceStore>();
  const open = async (root: string, options?: { create?: boolean }) => {
    const store = await WorkspaceStore.open(root, options);
    const known = stores.get(store.root);
    if (known) return known;
    stores.set(store.root, store);
    return store;
  };
  const sources = {
    store: deps.secrets,
    env: deps.env,
    mask: deps.mask,
    scriptValues: (root: string, environment: string | null) => deps.localState.scriptValues(root, environment),
  };
  /** Environments as the window sees them: each with where its secrets would come from, never their values. */
  const environmentViews = (root: string, environments: WorkspaceContent['environments']): Promise<EnvironmentView[]> =>
    Promise.all(
      environments.map(async ({ name, environment, version }) => ({
        name,
        environment,
        version,
        secrets: await secretStatus(root, name, environment, sources),
      })),
    );
  const secretDeclared = async (store: WorkspaceStore, environment: string, name: string) => {
    const env = await store.readEnvironment(environment);
    if (!env.variables.some((v) => v.name === name && v.secret)) {
      throw new AppError('VALIDATION', `'${name}' is not a secret variable of environment '${environment}'`);
    }
  };

  return {
    ...createScriptHandlers(deps.localState),
    'workspace.open': async ({ root, create }) => {
      const store = await open(root, { create });
      const content = await store.load();
      const environments = await environmentViews(store.root, content.environments);
      return {
        root: store.root,
        workspace: content.workspace,
        ...(content.workspaceVersion !== undefined ? { workspaceVersion: content.workspaceVersion } : {}),
        folders: content.folders,
        requests: content.requests,
        environments,
        activeEnvironment: await deps.localState.activeEnvironment(store.root),
        problems: content.problems,
      };
    },
    'workspace.saveSettings': async ({ root, workspace, baseVersion }) =>
      (await open(root)).saveWorkspaceFile(workspace, baseVersion),
    'workspace.saveRequest': async ({ root, path, request, baseVersion }) =>
      (await open(root)).saveRequest(path, request, baseVersion),
    'workspace.createFolder': async ({ root, path }) => {
      await (await open(root)).createFolder(path);
      return null;
    },
    'workspace.delete': async ({ root, path }) => {
      await (await open(root)).deleteItem(path);
      return null;
    },
    'workspace.move': async ({ root, from, to }) => {
      await (await open(root)).move(from, to);
      return null;
    },
    'workspace.rename': async ({ root, path, name }) => (await open(root)).rename(path, name),
    'workspace.duplicate': async ({ root, path }) => (await open(root)).duplicate(path),
    'workspace.changes': async ({ root }, sink) => {
      const store = await open(root);
      // Every file read carries its version, so what the window keeps can be saved over it.
      const withVersion = (change: WorkspaceChange): WorkspaceChange => {
        if (change.kind === 'request' && change.request) return { ...change, version: requestVersion(change.request) };
        if (change.kind === 'environment' && change.environment)
          return { ...change, version: environmentVersion(change.environment) };
        if (change.kind === 'workspace' && change.workspace)
          return { ...change, version: workspaceFileVersion(change.workspace) };
        return change;
      };
      // The watcher (and chokidar) load when a window first watches a workspace, not at start-up.
      const { watchWorkspace } = await import('../workspace/watcher');
      const watcher = await watchWorkspace(store, (change) => sink.push(withVersion(change)), deps.onError);
      if (sink.signal.cancelled) return void watcher.close();
      sink.signal.onCancel(() => void watcher.close());
      sink.push({ kind: 'watching' });
    },
    'workspace.resolveRequest': async ({ root, path, environment }) => {
      const store = await open(root);
      const active = environment === undefined ? await deps.localState.activeEnvironment(store.root) : environment;
      // Secrets come back as {{name}}: the engine's port masks every value it has read.
      return (await resolveRequestAt(store, path, active, sources)).resolved;
    },
    'collection.export': async ({ root, folder }) => exportWorkspaceCollection(await open(root), folder),
    'collection.import': async ({ root, text, into }) => importWorkspaceCollection(await open(root), text, into),

    'environment.save': async ({ root, name, environment, baseVersion }) =>
      (await open(root)).saveEnvironment(name, environment, baseVersion),
    'environment.delete': async ({ root, name }) => {
      const store = await open(root);
      await store.deleteEnvironment(name);
      if ((await deps.localState.activeEnvironment(store.root)) === name)
        await deps.localState.setActiveEnvironment(store.root, null);
      return null;
    },
    'environment.list': async ({ root }) => {
      const store = await open(root);
      return environmentViews(store.root, (await store.load()).environments);
    },
    'environment.getActive': async ({ root }) => deps.localState.activeEnvironment((await open(root)).root),
    'environment.setActive': async ({ root, name }) => {
      const store = await open(root);
      if (name !== null) await store.readEnvironment(name); // NOT_FOUND for a name that is not there
      await deps.localState.setActiveEnvironment(store.root, name);
      return null;
    },

    'secret.set': async ({ root, environment, name, value }) => {
      const store = await open(root);
      await secretDeclared(store, environment, name);
      deps.mask.add(name, value);
      await deps.secrets.set(store.root, environment, name, value);
      return null;
    },
    'secret.delete': async ({ root, environment, name }) => {
      await deps.secrets.delete((await open(root)).root, environment, name);
      return null;
    },

    // Answered once the mask knows every stored secret (the port masks what they return).
    'history.list': async ({ limit, before }) => (await deps.maskReady, deps.history.list({ limit, before })),
    'history.search': async ({ query, limit }) => (await deps.maskReady, deps.history.search(query, limit)),
    'history.get': async ({ id }) => (await deps.maskReady, deps.history.get(id)),
    'history.clear': async () => {
      await deps.history.clear();
      return null;
    },
  };
}
