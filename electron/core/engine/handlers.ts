import type { LoupeContract, PickFilesInput } from '../../../shared/contract';
import type { workspaceContract } from '../../../shared/contract/workspace';
import type { EngineCallEvent } from '../../../shared/model/call';
import { AppError, toErrorData } from '../../../shared/model/errors';
import type { Handlers } from '../../../shared/protocol/define';
import { messageRenderer, withGoogleRpc, type CallEngine, type CallHandle, type ChannelPool } from '../calls';
import type { CallRegistry } from './call-registry';
import type { MessageStore } from './message-store';
import type { SchemaStore } from './schema-store';
import { wireEvents } from './wire-events';

export interface HandlerDeps {
  schemas: SchemaStore;
  calls: CallEngine;
  channels: ChannelPool;
  /** Absent where the host has no native file dialog. */
  pickFiles?: (request: PickFilesInput) => Promise<string[]>;
  appInfo: () => Awaited<ReturnType<Handlers<LoupeContract>['app.info']>>;
}

/** The contract's implementation for one connection. */
export function createHandlers(
  deps: HandlerDeps,
  openCalls: CallRegistry,
  messages: MessageStore,
): Handlers<Omit<LoupeContract, keyof typeof workspaceContract>> {
  return {
    'app.info': () => deps.appInfo(),

    'host.pickFiles': async (input) => {
      if (!deps.pickFiles) {
        throw new AppError('UNSUPPORTED', 'This host has no native file dialog; type the path instead.');
      }
      return deps.pickFiles(input);
    },

    'target.state': ({ target }, sink) => {
      sink.push({ state: deps.channels.state(target) });
      const unwatch = deps.channels.watch(target, (state) => sink.push({ state }));
      sink.signal.onCancel(unwatch);
    },

    'schema.load': async ({ target, refresh }) => (await deps.schemas.get(target, refresh)).summary(),

    'schema.method': async ({ target, method }) => {
      const schema = await deps.schemas.get(target);
      const desc = schema.method(method);
      const fullName = `${desc.parent.typeName}.${desc.name}`;
      const info = schema.services().flatMap((s) => s.methods).find((m) => m.fullName === fullName);
      if (!info) throw new AppError('NOT_FOUND', `Method '${method}' is not in the schema`);
      return {
        method: info,
        template: schema.template(desc.input.typeName),
        requestSchema: schema.jsonSchema(desc.input.typeName),
        description: schema.describe(fullName),
      };
    },

    'schema.describe': async ({ target, symbol }) => (await deps.schemas.get(target)).describe(symbol),

    'call.open': async (input, sink) => {
      const { callId } = input;
      // Reserved before the first await: a duplicate is refused before anything starts, and
      // sends that arrive while the schema loads wait for the call instead of being refused.
      openCalls.reserve(callId);
      let call: CallHandle;
      try {
        const schema = await deps.schemas.get(input.target);
        const method = schema.method(input.method);
        if (sink.signal.cancelled) {
          openCalls.release(callId);
          return;
        }
        messages.open(callId, messageRenderer(method.input, method.output, withGoogleRpc(schema.registry)), input.keep);
        const toWire = wireEvents();
        let pauseRequested = false;
        // Read by the event callback, which may run before start() returns.
        let handle: CallHandle | undefined = undefined;
        handle = deps.calls.start(
          {
            target: input.target,
            method,
            registry: schema.registry,
            metadata: input.metadata,
            deadlineMs: input.deadlineMs,
            messages: input.messages,
            emitDefaults: input.emitDefaults,
          },
          (event: EngineCallEvent) => {
            // Credit-based flow control: when the consumer falls behind, stop reading the gRPC
            // stream so HTTP/2 flow control pushes back on the server instead of memory filling.
            messages.record(callId, event);
            if (sink.push(toWire(event))) return;
            if (handle) handle.pause();
            else pauseRequested = true; // the engine emitted before start() returned
          },
        );
        if (pauseRequested) handle.pause();
        call = handle;
      } catch (error) {
        openCalls.release(callId);
        messages.release(callId);
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
        .finally(() => openCalls.release(callId));
    },

    'call.send': async ({ callId, message }) => {
      (await openCalls.whenStarted(callId)).send(message);
      return null;
    },

    'call.messages': ({ callId, from, count, emitDefaults, preview }) => messages.read(callId, { from, count, emitDefaults, preview }),

    'call.find': ({ callId, ...query }, { signal }) => messages.find(callId, query, signal),

    'call.release': ({ callId }) => {
      messages.release(callId);
      return null;
    },

    'call.halfClose': async ({ callId }) => {
      (await openCalls.whenStarted(callId)).halfClose();
      return null;
    },
  };
}
