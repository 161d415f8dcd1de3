import * as grpc from '@grpc/grpc-js';

/** A call as a test's server sees it arrive: its method and the metadata the client sent. */
export interface ArrivingCall {
  /** The full path, `/package.Service/Method`. */
  path: string;
  /** The method's own name, `Method`. */
  method: string;
  metadata: grpc.Metadata;
}

/** How a gate turns a call away, before it reaches its handler. */
export interface Refusal {
  code: grpc.status;
  details: string;
}

/**
 * A grpc-js server interceptor that shows a test every call as it arrives (to count it, record its
 * metadata or check its token) and lets it through or answers it with the refusal returned. A
 * synchronous decision is applied at once, so the order calls are seen in is the order they arrived.
 */
export function callGate(
  decide: (call: ArrivingCall) => Refusal | undefined | Promise<Refusal | undefined>,
): grpc.ServerInterceptor {
  return (descriptor, call) =>
    new grpc.ServerInterceptingCall(
      call,
      new grpc.ResponderBuilder()
        .withStart((next) =>
          next(
            new grpc.ServerListenerBuilder()
              .withOnReceiveMetadata((metadata, proceed) => {
                const path = descriptor.path;
                const method = path.slice(path.lastIndexOf('/') + 1);
                const apply = (refusal: Refusal | undefined) => {
                  if (refusal) call.sendStatus({ ...refusal, metadata: new grpc.Metadata() });
                  else proceed(metadata);
                };
                const decided = decide({ path, method, metadata });
                if (decided instanceof Promise) void decided.then(apply);
                else apply(decided);
              })
              .build(),
          ),
        )
        .build(),
    );
}
