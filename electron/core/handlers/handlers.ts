import type { LoupeContract, PickFilesInput } from '../../../shared/contract';
import type { loadContract } from '../../../shared/contract/load';
import type { formatsContract } from '../../../shared/contract/formats';
import type { mockContract } from '../../../shared/contract/mock';
import type { workspaceContract } from '../../../shared/contract/workspace';
import type { EngineCallEvent, MetadataEntry } from '../../../shared/model/call';
import { AppError, toErrorData } from '../../../shared/model/errors';
import type { Handlers } from '../../../shared/protocol/define';
import {
  messageRenderer,
  unknownFieldReader,
  withGoogleRpc,
  type CallRunner,
  type CallHandle,
  type ChannelPool,
} from '../calls';
import type { CallRegistry } from './call-registry';
import type { MessageStore } from './message-store';
import type { SchemaStore } from './schema-store';
import type { HistoryStore } from '../history';
import { createHistoryRecorder, type HistoryRecorder } from '../history';
import type { SecretSources } from '../workspace';
import { startWithAuth, type Authenticator, type SignInPrompts } from '../auth';
import { applyEnvironment, targetInEnvironment, type CallEnvironment, type Substitute } from './call-environment';
import { findCallScripts, openScriptedCall } from './call-scripts';
import type { WorkspaceLocalState } from '../workspace';
import type { TargetSettings } from '../../../shared/model/target';
import { mergeRuns, wireEvents } from './wire-events';
import { createDriftHandlers } from './drift-handlers';
import { withChanges } from './schema-changes';

export interface HandlerDeps {
  schemas: SchemaStore;
  calls: CallRunner;
  channels: ChannelPool;
  /** Adds each target's auth to its calls; none in tests that do not care. */
  auth?: Authenticator;
  /** Where the windows hear of browser sign-ins. */
  signIns?: SignInPrompts;
  /** Absent where the host has no native file dialog. */
  pickFiles?: (request: PickFilesInput) => Promise<string[]>;
  appInfo: () => Awaited<ReturnType<Handlers<LoupeContract>['app.info']>>;
  /** Where every call is recorded; none in tests that do not care. */
  history?: HistoryStore;
  /** Where environment secrets come from, and the mask that learns their values. */
  secrets: SecretSources;
  /** Per-user workspace state: whether a folder's scripts may run, the values they set. */
  localState: WorkspaceLocalState;
  onInternalError?: (method: string, error: unknown) => void;
}

/** The contract's implementation for one connection. */
export function createHandlers(
  deps: HandlerDeps,
  openCalls: CallRegistry,
  messages: MessageStore,
): Handlers<
  Omit<
    LoupeContract,
    | keyof typeof workspaceContract
    | keyof typeof mockContract
    | keyof typeof loadContract
    | keyof typeof formatsContract
  >
> {
  const inEnvironment = (target: TargetSettings, environment: CallEnvironment | undefined) =>
    targetInEnvironment(target, environment, deps.secrets);
  const { mask } = deps.secrets;
  /** Per open call: its environment, applied to the messages sent later too, and its history entry. */
  const extras = new Map<string, { substitute?: Substitute; recorder?: HistoryRecorder }>();
  return {
    ...createDriftHandlers(deps),
    'app.info': () => deps.appInfo(),

    'host.pickFiles': async (input) => {
      if (!deps.pickFiles) {
        throw new AppError('UNSUPPORTED', 'This host has no native file dialog; type the path instead.');
      }
      return deps.pickFiles(input);
    },

    'auth.signIns': (_input, sink) => {
      const unsubscribe = deps.signIns?.subscribe((prompt) => sink.push(prompt));
      if (unsubscribe) sink.signal.onCancel(unsubscribe);
    },

    'target.state': async ({ target, environment }, sink) => {
      const resolved = await inEnvironment(target, environment);
      sink.push({ state: deps.channels.state(resolved) });
      await deps.channels.prepare(resolved);
      const unwatch = deps.channels.watch(resolved, (state) => sink.push({ state }));
      sink.signal.onCancel(unwatch);
    },

    'schema.load': async ({ target, environment, refresh }) => {
      const resolved = await inEnvironment(target, environment);
      const before = refresh ? deps.schemas.current(resolved) : undefined;
      const schema = await deps.schemas.get(resolved, refresh);
      return withChanges(schema.summary(), before, schema);
    },

    'schema.method': async ({ target, environment, method }) => {
      const schema = await deps.schemas.get(await inEnvironment(target, environment));
      const desc = schema.method(method);
      const fullName = `${desc.parent.typeName}.${desc.name}`;
      const info = schema
        .services()
        .flatMap((s) => s.methods)
        .find((m) => m.fullName === fullName);
      if (!info) throw new AppError('NOT_FOUND', `Method '${method}' is not in the schema`);
      return {
        method: info,
        template: schema.template(desc.input.typeName),
        requestSchema: schema.jsonSchema(desc.input.typeName),
        description: schema.describe(fullName),
      };
    },

    'schema.form': async ({ target, environment, typeName }) =>
      (await deps.schemas.get(await inEnvironment(target, environment))).messageForm(typeName),

    'schema.describe': async ({ target, environment, symbol }) =>
      (await deps.schemas.withSymbol(await inEnvironment(target, environment), symbol)).describe(symbol),

    'call.open': async (input, sink) => {
      const { callId } = input;
      // Reserved before the first await: a duplicate is refused before anything starts, and
      // sends that arrive while the schema loads wait for the call instead of being refused.
      openCalls.reserve(callId);
      let call: CallHandle;
      try {
        let { target, metadata, messages: texts } = input;
        let substitute: Substitute | undefined;
        const scripts = await findCallScripts(input.environment, input.requestPath, input.script, deps);
        // Scripts that will run may set what the metadata and body use: those wait for beforeCall.
        const scripted = scripts?.trusted === true;
        if (input.environment) {
          const applied = await applyEnvironment(
            { target, metadata: scripted ? [] : metadata, messages: scripted ? [] : texts },
            input.environment,
            deps.secrets,
          );
          target = applied.target;
          if (!scripted) ({ metadata, messages: texts, substitute } = applied);
        }
        const schema = await deps.schemas.get(target);
        const method = schema.method(input.method);
        // After the schema: a sign-in is asked for only when the call can go ahead.
        // With scripts, once beforeCall has left the metadata (see onResolved below).
        let auth = deps.auth && !scripted ? await deps.auth.metadata(target, metadata) : undefined;
        await deps.channels.prepare(target);
        if (sink.signal.cancelled) {
          openCalls.release(callId);
          return;
        }
        // Rendered text is masked where it is made, so a search cannot find a secret either.
        const registry = withGoogleRpc(schema.registry);
        const render = messageRenderer(method.input, method.output, registry);
        messages.open(
          callId,
          (...args) => mask.text(render(...args)),
          input.keep,
          unknownFieldReader(method.input, method.output),
          { sent: method.input, received: method.output, registry },
        );
        const toWire = wireEvents();
        sink.coalesce(mergeRuns);
        // The history keeps the call as the user wrote it (input), never with the environment applied.
        const recorder = deps.history
          ? createHistoryRecorder(
              deps.history,
              {
                target: input.target,
                resolvedAddress: target.address,
                method: input.method,
                metadata: input.metadata,
                messages: input.messages,
                deadlineMs: input.deadlineMs,
                ...(input.environment ? { workspace: input.environment.root } : {}),
                ...(input.environment?.name ? { environment: input.environment.name } : {}),
                ...(input.requestPath ? { requestPath: input.requestPath } : {}),
              },
              { mask, onError: (error) => deps.onInternalError?.('history', error) },
            )
          : undefined;
        extras.set(callId, { substitute, recorder });
        let pauseRequested = false;
        // Read by the event callback, which may run before start() returns.
        let handle: CallHandle | undefined = undefined;
        const onEvent = (event: EngineCallEvent) => {
          recorder?.onEvent(event);
          // Credit-based flow control: when the consumer falls behind, stop reading the gRPC
          // stream so HTTP/2 flow control pushes back on the server instead of memory filling.
          messages.record(callId, event);
          const pushed = sink.push(toWire(event));
          // Held-back scripts are said right after the start, so the user knows why no test ran.
          if (event.type === 'started' && scripts && !scripts.trusted)
            sink.push({ type: 'scripts', t: event.t, files: scripts.sources.map((f) => f.file), trusted: false });
          if (pushed) return;
          if (handle) handle.pause();
          else pauseRequested = true; // the engine emitted before start() returned
        };
        const authenticator = deps.auth;
        const start = (
          request: { metadata: MetadataEntry[]; messages: string[]; deadlineMs?: number },
          listener = onEvent,
        ) =>
          startWithAuth(
            deps.calls,
            {
              target,
              method,
              registry: schema.registry,
              metadata: request.metadata,
              deadlineMs: request.deadlineMs,
              messages: request.messages,
              emitDefaults: input.emitDefaults,
            },
            // Renewing is asked for only after `auth` came from the authenticator.
            { first: auth, renew: () => authenticator!.metadata(target, request.metadata) },
            listener,
          );
        handle =
          scripted && input.environment && input.requestPath
            ? await openScriptedCall(
                {
                  found: scripts,
                  environment: input.environment,
                  requestPath: input.requestPath,
                  target,
                  template: {
                    target: input.target,
                    metadata: input.metadata,
                    messages: input.messages,
                    deadlineMs: input.deadlineMs,
                  },
                  schema,
                  method: { name: input.method, kind: method.methodKind, outputType: method.output.typeName },
                  start,
                  onEvent,
                  onSubstitute: (next) => extras.set(callId, { substitute: next, recorder }),
                  // Auth sees the metadata the hooks left: a token they set wins over the target's.
                  onResolved: async (resolved) => {
                    auth = authenticator ? await authenticator.metadata(target, resolved) : undefined;
                  },
                },
                deps,
              )
            : start({ metadata, messages: texts, deadlineMs: input.deadlineMs });
        if (pauseRequested) handle.pause();
        call = handle;
      } catch (error) {
        openCalls.release(callId);
        messages.release(callId);
        extras.delete(callId);
        throw error;
      }
      if (!openCalls.attach(callId, call)) return;
      sink.onDrain(() => call.resume());
      sink.signal.onCancel(() => call.cancel());
      call.done
        .then(
          () => sink.end(),
          (error: unknown) => sink.end(toErrorData(error)),
        )
        .finally(() => {
          openCalls.release(callId);
          extras.delete(callId);
        });
    },

    'call.send': async ({ callId, message }) => {
      const call = await openCalls.whenStarted(callId);
      const { substitute, recorder } = extras.get(callId) ?? {};
      await call.send(substitute ? substitute(message, 'the message') : message);
      recorder?.sent(message);
      return null;
    },

    'call.messages': ({ callId, ...options }) => messages.read(callId, options),

    'call.jsonSlice': ({ callId, ...options }) => messages.jsonSlice(callId, options),

    'call.find': ({ callId, ...query }, { signal }) => messages.find(callId, query, signal),

    'call.release': ({ callId }) => {
      messages.release(callId);
      return null;
    },

    'call.cancel': ({ callId }) => {
      openCalls.cancel(callId);
      return null;
    },

    'call.halfClose': async ({ callId }) => {
      (await openCalls.whenStarted(callId)).halfClose();
      return null;
    },
  };
}
