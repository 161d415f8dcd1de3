/**
 * Stable default ports. Browser mode's page keeps its tabs and last workspace per origin, so the
 * UI must come back on the same port to find them; environments name the demo server by address,
 * so it must come back on the same one too. Both are above the usual development ports (and away
 * from gRPC's customary 50051, which the user's own servers take).
 */
export const DEFAULT_WEB_PORT = 5717;
export const DEFAULT_DEMO_PORT = 50717;
/** The demo's gRPC-Web and Connect server, next to its gRPC one. */
export const DEFAULT_DEMO_WEB_PORT = 50718;

export interface OnPort<T> {
  started: T;
  /** Set when the preferred port could not be used and another was: why, for the user. */
  fallback?: string;
}

/**
 * Starts something on `preferred`, or, when that port cannot be bound (another Loupe, another
 * program), on a free port chosen by the system, saying why. A port the user asked for is not a
 * preference: callers start on it directly, so taking it fails loudly.
 */
export async function startOnPreferredPort<T>(
  preferred: number,
  start: (port: number) => Promise<T>,
): Promise<OnPort<T>> {
  try {
    return { started: await start(preferred) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { started: await start(0), fallback: `port ${preferred} could not be used (${reason})` };
  }
}
