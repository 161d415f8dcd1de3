// Runs one figure in a fresh process (node --expose-gc) and writes its result as JSON, so a
// figure never inherits another's heap, JIT state or open sockets.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR } from './paths.mjs';

const [file, optionsJson, out] = process.argv.slice(2);
const options = JSON.parse(optionsJson);
let result;
try {
  const figure = await import(pathToFileURL(join(BENCH_DIR, 'figures', file)).href);
  result = { status: 'ok', ...(await figure.run(options)) };
} catch (error) {
  result = error?.uiNotReady
    ? { status: 'ui-not-ready', error: error.message, ...(error.partial ?? {}) }
    : { status: 'error', error: String(error?.stack ?? error) };
}
writeFileSync(out, JSON.stringify(result));
// Lingering handles (grpc channels, browsers) must not keep a finished figure alive.
process.exit(0);
