/**
 * Errors cross every boundary as data with a stable code, never as text to be parsed.
 * The UI and the CLI branch on `code`; `message` is for people.
 */
export const ERROR_CODES = [
  'VALIDATION', // input failed its schema, or a request body is not valid for its message type
  'NOT_FOUND', // unknown method, symbol, file, call id...
  'GRPC_STATUS', // the server answered with a non-OK status (details carry the status)
  'UNAVAILABLE', // could not reach the server (refused, DNS, TLS handshake...)
  'SCHEMA', // a schema source failed to load (syntax error, missing import, bad protoset)
  'CANCELLED', // the caller cancelled
  'SCRIPT', // a workspace script failed: threw, ran past its limits, or may not run (untrusted workspace)
  'CONFLICT', // a file changed on disk since it was read: writing would lose someone's change
  'UNSUPPORTED', // a capability this host does not have
  'INTERNAL', // a bug: never expected, always reported
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where in a source file a problem is, 1-based like compilers print it. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export interface ErrorData {
  code: ErrorCode;
  message: string;
  /** Source locations for schema errors, field paths for validation errors. */
  locations?: SourceLocation[];
  /** Extra machine-readable detail (JSON only). */
  details?: unknown;
}

/** An error that knows its stable code; thrown inside the engine, serialized at the boundary. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly locations?: SourceLocation[];
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, extra: { locations?: SourceLocation[]; details?: unknown } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.locations = extra.locations;
    this.details = extra.details;
  }

  toData(): ErrorData {
    const data: ErrorData = { code: this.code, message: this.message };
    if (this.locations) data.locations = this.locations;
    if (this.details !== undefined) data.details = this.details;
    return data;
  }
}

/** Turns anything thrown into ErrorData; unknown throwables are INTERNAL (they are bugs). */
export function toErrorData(err: unknown): ErrorData {
  if (err instanceof AppError) return err.toData();
  if (err instanceof Error) return { code: 'INTERNAL', message: err.message };
  return { code: 'INTERNAL', message: String(err) };
}
