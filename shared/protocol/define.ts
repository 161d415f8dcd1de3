import type { z } from 'zod';
import type { ErrorData } from '../model/errors';
import type { CancelSignal } from './cancel';

/**
 * A contract is a plain object of method specs. Inputs carry a runtime schema (validated by the
 * server on every transport); outputs and events are types only, since the engine produces them.
 */
export interface RequestSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly kind: 'request';
  readonly input: I;
  /** Phantom: never set at runtime. */
  readonly output?: O;
}

export interface StreamSpec<I extends z.ZodType = z.ZodType, E = unknown> {
  readonly kind: 'stream';
  readonly input: I;
  /** Phantom: never set at runtime. */
  readonly event?: E;
}

export type Contract = Record<string, RequestSpec | StreamSpec>;

/** `request<Output>()(inputSchema)`: curried so the output is explicit and the input inferred. */
export const request =
  <O>() =>
  <I extends z.ZodType>(input: I): RequestSpec<I, O> => ({ kind: 'request', input });

/** `stream<Event>()(inputSchema)` */
export const stream =
  <E>() =>
  <I extends z.ZodType>(input: I): StreamSpec<I, E> => ({ kind: 'stream', input });

export type RequestKeys<C extends Contract> = {
  [K in keyof C]: C[K] extends RequestSpec ? K : never;
}[keyof C] &
  string;
export type StreamKeys<C extends Contract> = {
  [K in keyof C]: C[K] extends StreamSpec ? K : never;
}[keyof C] &
  string;

/** What a caller sends (before defaults) and what a handler receives (after). */
export type InputOf<S> = S extends { input: infer I extends z.ZodType } ? z.input<I> : never;
export type ParsedInputOf<S> = S extends { input: infer I extends z.ZodType } ? z.output<I> : never;
export type OutputOf<S> = S extends RequestSpec<z.ZodType, infer O> ? O : never;
export type EventOf<S> = S extends StreamSpec<z.ZodType, infer E> ? E : never;

export interface RequestContext {
  /** Cancelled when the caller cancels or its port closes. */
  signal: CancelSignal;
}

/** The server side of one open stream. */
export interface StreamSink<E> {
  /**
   * Queue an event. Returns false when the queue is above its high-water mark: the producer
   * should stop producing (e.g. pause reading a gRPC stream) until `onDrain` fires.
   */
  push(event: E): boolean;
  onDrain(listener: () => void): () => void;
  /**
   * Lets an event that waits in the queue absorb the next one: `merge(last, next)` folds `next`
   * into `last` (mutating it) and returns true, or returns false to queue `next` on its own. A
   * merged event counts once for batching and credit.
   */
  coalesce(merge: (last: E, next: E) => boolean): void;
  /** Finish the stream after the queued events are delivered. Idempotent. */
  end(error?: ErrorData): void;
  /** Cancelled when the caller cancels or its port closes; release everything then. */
  signal: CancelSignal;
}

/** Every declared method must have a handler of the right shape, or this fails to compile. */
export type Handlers<C extends Contract> = {
  [K in keyof C]: C[K] extends RequestSpec
    ? (input: ParsedInputOf<C[K]>, ctx: RequestContext) => Promise<OutputOf<C[K]>> | OutputOf<C[K]>
    : C[K] extends StreamSpec
      ? (input: ParsedInputOf<C[K]>, sink: StreamSink<EventOf<C[K]>>) => void | Promise<void>
      : never;
};
