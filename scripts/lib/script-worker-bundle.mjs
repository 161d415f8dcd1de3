// The script worker as one file: the sandbox's prelude (the script API and chai) bundled into a
// script that runs inside the sandbox's own realm, embedded as text in the worker thread's bundle.
// Built beside the engine's bundles by scripts/build.mjs and pack-cli.mjs, and on first use when
// the engine runs from its sources (tests).
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildWorkerBundle } from './worker-bundle.mjs';

export const SCRIPT_WORKER_FILE = 'script-worker.cjs';

/*
 * In a node:vm context every lookup of a global goes through the context's interceptors, about a
 * microsecond each, and chai makes dozens per assertion. The prelude runs inside a function whose
 * parameters are these globals, looked up once.
 */
const REALM_GLOBALS = [
  'Object',
  'Array',
  'JSON',
  'Symbol',
  'Reflect',
  'Proxy',
  'Error',
  'TypeError',
  'RangeError',
  'Promise',
  'String',
  'Number',
  'Boolean',
  'Math',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'BigInt',
  'RegExp',
  'Date',
  'Function',
  'isNaN',
  'isFinite',
  'parseInt',
  'parseFloat',
  'ArrayBuffer',
  'DataView',
  'Uint8Array',
];

export async function buildScriptWorker(root, outfile, { sourcemap = false } = {}) {
  const prelude = await build({
    entryPoints: [join(root, 'electron/core/scripts/sandbox/prelude.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    // The sandbox has the language and nothing else: no Node, no DOM.
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    logLevel: 'warning',
    // Chai announces plugins with EventTarget, which a bare realm lacks; the prelude adds none.
    banner: {
      js: `globalThis.Event ??= class Event { constructor(type) { this.type = type; } }; globalThis.EventTarget ??= class EventTarget { addEventListener() {} removeEventListener() {} dispatchEvent() { return true; } };\n(function (${REALM_GLOBALS.join(', ')}) {`,
    },
    footer: { js: `})(${REALM_GLOBALS.join(', ')});` },
  });
  return buildWorkerBundle(root, 'electron/core/scripts/worker/script-worker.ts', outfile, {
    sourcemap,
    define: { LOUPE_SANDBOX_PRELUDE: JSON.stringify(prelude.outputFiles[0].text) },
  });
}
