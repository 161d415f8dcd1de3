import type { CallStatus, EngineCallEvent } from '../../../shared/model/call';
import type { CallKind } from '../../../shared/model/schema';
import type { CallSetup } from './call';
import { messageRenderer } from './codec';
import { MessageEvent, type CallRendering } from './message-event';

/**
 * What a call is whatever carries it (grpc-js in call.ts, gRPC-Web and Connect in web/web-call.ts):
 * its kind, its clock, its event sink that no listener can break, and the promise of its final
 * status. Each carrier adds its own reading, writing and single ending.
 */
export abstract class CallLife {
  readonly kind: CallKind;
  readonly done: Promise<CallStatus>;
  protected resolveDone!: (s: CallStatus) => void;
  private readonly t0 = performance.now();
  private readonly rendering: CallRendering;

  constructor(
    protected readonly setup: CallSetup,
    private readonly onEvent: (e: EngineCallEvent) => void,
    protected readonly onFinished: () => void,
  ) {
    this.kind = setup.method.methodKind;
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    const { input, output } = setup.method;
    this.rendering = { render: messageRenderer(input, output, setup.registry), emitDefaults: setup.emitDefaults };
  }

  /** A message event: its bytes now, its JSON when someone reads it (MessageEvent). */
  protected emitMessage(type: 'sent' | 'received', index: number, bytes: Uint8Array): void {
    this.emit(new MessageEvent(type, this.t(), index, bytes, this.rendering));
  }

  /** Milliseconds since the start, to the microsecond (more digits only cost bytes on the wire). */
  protected t(): number {
    return Math.round((performance.now() - this.t0) * 1000) / 1000;
  }

  protected emit(e: EngineCallEvent): void {
    try {
      this.onEvent(e);
    } catch {
      // A faulty listener must not break the call or the engine.
    }
  }

  get readable(): boolean {
    return this.kind === 'server_streaming' || this.kind === 'bidi_streaming';
  }

  get writable(): boolean {
    return this.kind === 'client_streaming' || this.kind === 'bidi_streaming';
  }
}
