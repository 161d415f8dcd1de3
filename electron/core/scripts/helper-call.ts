import type { EngineCallEvent, MetadataEntry } from '../../../shared/model/call';
import type { TargetSettings } from '../../../shared/model/target';
import type { CallRunner } from '../calls';
import type { Authenticator } from '../auth';
import type { SchemaRegistry } from '../schema/registry';
import type { HelperCallRequest } from './protocol';
import type { HelperAnswer } from './scripted-call';

/** A helper call keeps this many response messages for the script; the count says how many came. */
const MAX_MESSAGES = 1000;
const DEFAULT_DEADLINE_MS = 30_000;

export interface HelperCallDeps {
  runner: CallRunner;
  /** The call's own target (environment applied): helper calls go to the same server. */
  target: TargetSettings;
  schema: SchemaRegistry;
  /** Applies the environment's {{variables}} to a helper call's body and metadata. */
  substitute?: (text: string, field: string) => string;
  /** The target's auth, added as to the call itself (unless the script set the header). */
  auth?: Authenticator;
}

/**
 * `call(method, body, options)` in a script: a call of any kind to the same server, with the
 * environment applied, answered with its status, messages, headers and trailers. It runs no
 * scripts itself, so a hook that calls cannot recurse.
 */
export function helperCaller(deps: HelperCallDeps): (request: HelperCallRequest) => Promise<HelperAnswer> {
  return async (request) => {
    const method = deps.schema.method(request.method);
    const sub = deps.substitute ?? ((text: string) => text);
    const own: MetadataEntry[] = request.metadata.map((m) => ({
      name: m.name.toLowerCase(),
      value: sub(m.value, `metadata '${m.name}' of call(${request.method})`),
    }));
    const auth = deps.auth ? await deps.auth.metadata(deps.target, own) : undefined;
    const metadata = [...own, ...(auth?.metadata ?? [])];
    const messages: unknown[] = [];
    let count = 0;
    let headers: MetadataEntry[] = [];
    let trailers: MetadataEntry[] = [];
    let error: string | undefined;
    const handle = deps.runner.start(
      {
        target: deps.target,
        method,
        registry: deps.schema.registry,
        metadata,
        deadlineMs: request.deadlineMs ?? DEFAULT_DEADLINE_MS,
        messages: [sub(request.body, `the body of call(${request.method})`)],
        // Every field, as onMessage sees them.
        emitDefaults: true,
      },
      (event: EngineCallEvent) => {
        if (event.type === 'received') {
          count++;
          if (messages.length < MAX_MESSAGES) messages.push(JSON.parse(event.json));
        } else if (event.type === 'headers') headers = event.metadata;
        else if (event.type === 'trailers') trailers = event.metadata;
        else if (event.type === 'error') error = event.hint ? `${event.message} ${event.hint}` : event.message;
      },
    );
    if (method.methodKind === 'client_streaming' || method.methodKind === 'bidi_streaming') handle.halfClose();
    const status = await handle.done;
    if (error && status.code !== 0) return { error: `call(${request.method}): ${error}` };
    return {
      result: {
        ok: status.code === 0,
        status,
        message: messages[0],
        messages,
        count,
        headers: Object.fromEntries(headers.map((h) => [h.name, h.value])),
        trailers: Object.fromEntries(trailers.map((h) => [h.name, h.value])),
      },
    };
  };
}
