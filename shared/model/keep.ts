/*
 * How many of a call's messages are kept, in the engine (electron/core/handlers/message-store.ts)
 * and as rows in the window's timeline (renderer/src/state/timeline-log.ts). One definition, so
 * the two cannot drift: the engine must keep every message the timeline may still show.
 */

/** Messages a call keeps unless the user chose another *Keep* count. */
export const DEFAULT_KEEP_MESSAGES = 100_000;

/**
 * The *Keep* counts the window offers and the engine accepts. At the top, the window's rows
 * cost about 20 MB, and the engine's copy is bounded by count and by 256 MB of messages per call.
 */
export const KEEP_LIMITS = { min: 1000, max: 1_000_000 } as const;

/**
 * Rows per chunk of the window's timeline, which lets go of its oldest rows a whole chunk at a
 * time: it holds between `keep` and `keep` + one chunk of rows, so the engine keeps one chunk
 * more than `keep` messages.
 */
export const TIMELINE_CHUNK_ROWS = 4096;
