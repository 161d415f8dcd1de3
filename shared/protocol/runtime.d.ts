/**
 * shared/ compiles with no host typings (no DOM, no Node) so it cannot lean on either by
 * accident. These few timer functions exist with these signatures in every host we run in
 * (Node, Electron, browsers), so they are declared here once instead.
 */
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function queueMicrotask(callback: () => void): void;
