import { proxiedFetch } from './net';
import type { SystemProxyResolver } from './net';
import { loupeContract, type AppInfo, type PickFilesInput } from '../../shared/contract';
import type { Port } from '../../shared/protocol/port';
import { serve } from '../../shared/protocol/server';
import { CallRunner, ChannelPool } from './calls';
import { CallRegistry } from './handlers/call-registry';
import { MessageStore } from './handlers/message-store';
import { createHandlers } from './handlers/handlers';
import { createWorkspaceHandlers, workspaceDepsFor, type WorkspaceOptions } from './handlers/workspace-handlers';
import { SchemaStore } from './handlers/schema-store';
import { createFormatHandlers } from './handlers/format-handlers';
import { ConnectionMocks, createMockHandlers } from './handlers/mock-handlers';
import { createLoadHandlers } from './handlers/load-handlers';
import { LoadRunStore } from './load/run-store';
import { userDataDir } from './paths';
import type { SecretMask } from './workspace';
import { Authenticator, refreshTokensIn, SignInPrompts, type AuthFetch } from './auth';
import { endSpareScriptWorker } from './scripts/script-worker-start';

export interface EngineOptions extends WorkspaceOptions {
  version: string;
  /** Where reflected schemas are cached between runs. */
  cacheDir?: string;
  demoAddress?: string;
  demoWebAddress?: string;
  capabilities?: Partial<AppInfo['capabilities']>;
  /**
   * The host's native file dialog (Electron). Without it host.pickFiles answers UNSUPPORTED and
   * the UI offers typed paths only.
   */
  pickFiles?: (request: PickFilesInput) => Promise<string[]>;
  /** Handler bugs are reported here. */
  onInternalError?: (method: string, error: unknown) => void;
  /**
   * Opens an OAuth sign-in page in the system browser and says whether it did (the desktop app);
   * without it, the windows offer the page as a link.
   */
  openSignInPage?: (url: string) => boolean;
  /** Token endpoints are reached through it; global fetch by default. */
  authFetch?: AuthFetch;
  /**
   * The system proxy and PAC for a URL (the desktop app's Electron session). Without it, targets
   * without a proxy setting use the process environment's variables only.
   */
  systemProxy?: SystemProxyResolver;
}

/**
 * Answers that carry the workspace's own files as they are on disk. They hold what the user
 * typed, never a secret's value that the engine put there; masking them would rewrite the user's
 * text (a plain value that happens to equal a secret) and the next save would write that back.
 */
const WORKSPACE_CONTENT: ReadonlySet<string> = new Set([
  'workspace.open',
  'workspace.changes',
  'environment.list',
  'scripts.read',
]);

/**
 * The window's side of a port as the engine sees it: everything sent passes the secret mask, so
 * no answer, event or error can carry a secret's value, whichever handler produced it; only the
 * workspace's files themselves cross as they are (WORKSPACE_CONTENT).
 */
export function maskedPort(port: Port, mask: SecretMask): Port {
  const unmasked = new Set<number>();
  const note = (message: unknown) => {
    const { t, id, method } = (message ?? {}) as { t?: unknown; id?: unknown; method?: unknown };
    if (
      (t === 'req' || t === 'sub') &&
      typeof id === 'number' &&
      typeof method === 'string' &&
      WORKSPACE_CONTENT.has(method)
    )
      unmasked.add(id);
  };
  return {
    send: (message) => {
      const { t, id, end } = (message ?? {}) as { t?: unknown; id?: unknown; end?: unknown };
      if (typeof id !== 'number' || !unmasked.has(id)) return port.send(mask.value(message));
      if (t === 'ok' || t === 'err' || t === 'end' || end) unmasked.delete(id);
      // An error may quote anything (a server's words): it is masked all the same.
      if (t === 'err' || t === 'end') return port.send(mask.value(message));
      port.send(end ? { ...(message as object), end: mask.value(end) } : message);
    },
    onMessage: (listener) =>
      port.onMessage((message) => {
        for (const envelope of Array.isArray(message) ? message : [message]) note(envelope);
        listener(message);
      }),
    onClose: (listener) => port.onClose(listener),
    close: () => port.close(),
  };
}

/**
 * The engine every face shares: one channel pool, one schema store, one call runner. Each
 * window (Electron) or socket (browser mode) connects a Port and owns what it starts.
 */
export class Engine {
  readonly pool: ChannelPool;
  readonly calls: CallRunner;
  readonly schemas: SchemaStore;
  /** Auth for every call and schema load; tokens cached engine-wide, so windows share them. */
  readonly auth: Authenticator;
  /** Sign-ins the windows are told about. */
  readonly signIns: SignInPrompts;
  /** Load test reports, per workspace, in the data folder. */
  readonly loadRuns: LoadRunStore;
  /** Open connections; disposing the engine closes their ports so no caller waits forever. */
  private readonly connections = new Set<Port>();

  constructor(private readonly options: EngineOptions) {
    this.pool = new ChannelPool({ system: options.systemProxy });
    this.calls = new CallRunner(this.pool);
    this.signIns = new SignInPrompts(options.openSignInPage);
    const { mask, secrets } = workspaceDepsFor(options);
    this.auth = new Authenticator({
      mask,
      refreshTokens: refreshTokensIn(secrets),
      host: this.signIns,
      // A target's token endpoint is reached through the proxy its calls use.
      ...(options.authFetch
        ? { fetch: options.authFetch }
        : { fetchFor: (target) => proxiedFetch({ target: target.proxy, system: options.systemProxy }) }),
    });
    this.schemas = new SchemaStore(this.pool, options.cacheDir, this.auth);
    this.loadRuns = new LoadRunStore(options.dataDir ?? userDataDir());
  }

  connect(port: Port): void {
    const openCalls = new CallRegistry();
    const messages = new MessageStore();
    const mocks = new ConnectionMocks();
    const workspace = workspaceDepsFor(this.options);
    const { mask } = workspace;
    const onInternalError =
      this.options.onInternalError &&
      ((method: string, error: unknown) => this.options.onInternalError?.(method, mask.error(error)));
    const handlerSecrets = {
      store: workspace.secrets,
      env: workspace.env,
      mask,
      scriptValues: (root: string, environment: string | null) => workspace.localState.scriptValues(root, environment),
    };
    const handlers = createHandlers(
      {
        history: workspace.history,
        secrets: handlerSecrets,
        localState: workspace.localState,
        onInternalError,
        schemas: this.schemas,
        calls: this.calls,
        channels: this.pool,
        auth: this.auth,
        signIns: this.signIns,
        pickFiles: this.options.pickFiles,
        appInfo: () => ({
          name: 'Loupe',
          version: this.options.version,
          demoAddress: this.options.demoAddress,
          ...(this.options.demoWebAddress ? { demoWebAddress: this.options.demoWebAddress } : {}),
          capabilities: { nativeFileDialogs: this.options.pickFiles !== undefined, ...this.options.capabilities },
        }),
      },
      openCalls,
      messages,
    );
    serve(
      maskedPort(port, mask),
      loupeContract,
      {
        ...handlers,
        ...createWorkspaceHandlers(workspace),
        ...createMockHandlers({ schemas: this.schemas, secrets: handlerSecrets }, mocks),
        ...createLoadHandlers({
          schemas: this.schemas,
          secrets: handlerSecrets,
          auth: this.auth,
          channels: this.pool,
          runs: this.loadRuns,
        }),
        ...createFormatHandlers({ schemas: this.schemas, secrets: handlerSecrets }, messages),
      },
      {
        onDispose: () => {
          openCalls.cancelAll();
          messages.releaseAll();
          // A window's mocks are its own: none keeps a port open after the window is gone.
          void mocks.stopAll();
          this.connections.delete(port);
        },
        onInternalError,
      },
    );
    this.connections.add(port);
  }

  dispose(): void {
    for (const port of [...this.connections]) port.close();
    this.calls.dispose();
    this.pool.dispose();
    endSpareScriptWorker();
  }

  /**
   * dispose(), then writes the history entries still waiting (calls that ended just before) and
   * lets the file go. Quitting awaits this so no entry is lost.
   */
  async close(): Promise<void> {
    this.dispose();
    await workspaceDepsFor(this.options).history.close();
  }
}
