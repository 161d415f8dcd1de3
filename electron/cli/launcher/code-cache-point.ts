/**
 * When a command's code cache is written (code-cache.ts). A one-shot command's is written at exit:
 * it holds everything the command compiled. A command that serves until stopped (web, demo, mock)
 * marks the moment its start is over instead (`untilStopped`): what it compiles later, for each
 * call it answers or a whole session of the page's requests, is not its start, yet `loupe web`
 * deserialized all of it (1.8 MB, ~15-25 ms of its CPU profile) before it printed its address.
 * Written once the engine and the demo have started, it is 1.45 MB. Written when the address is
 * printed, it was 0.8 MB, but the engine and the demo were then ready ~45 ms later (medians of 12
 * alternating starts), compiling what the cache had left out while the page loaded.
 */
export const CODE_CACHE_POINT = 'loupe:code-cache-point';

/** Marks the moment a serving command's start ends; the launcher writes the cache then (once). */
export function codeCachePoint(): void {
  (process as NodeJS.EventEmitter).emit(CODE_CACHE_POINT);
}
