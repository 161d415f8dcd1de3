/** One call a mock server answered: the CLI's log line and the window's log row. */
export interface MockCallEntry {
  /** `pkg.Service/Method`. */
  method: string;
  /** The request messages as JSON (the first few of them). */
  requests: unknown[];
  /** The rule that answered (the last one, on a bidi stream), or "default answer". */
  rule: string;
  /** The first answer message as JSON, when there was one. */
  answer?: unknown;
  /** Messages sent. */
  responses: number;
  code: number;
  message: string;
  startedAt: number;
  durationMs: number;
}

/** A mock the engine started for a window. */
export interface MockStarted {
  mockId: string;
  /** host:port to dial, plaintext gRPC. */
  address: string;
  /** The services it answers. */
  services: string[];
  /** Rule files left out, each naming the file and the reason; the rest are served. */
  problems: string[];
  /** The rules folder read, when there was one. */
  rulesDir?: string;
}

/**
 * What mock.log carries: a call with its status code's name (OK, NOT_FOUND...), or how many calls
 * the window was too slow to be sent.
 */
export type MockLogEvent = { entry: MockCallEntry; status: string } | { skipped: number };
