// Figure 5: googleapis from .proto sources through the engine vs protoc on the same files, and
// reflection of a server exposing 500 services.
import { execFile, execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { require, round, spawnUntil, tempDir } from '../lib/common.mjs';
import { startEngineHost } from '../lib/engine-host.mjs';
import { BENCH_DIR } from '../lib/paths.mjs';

export const title = 'Schemas';

function googleapisFiles(root, quick) {
  // protobuf's own test protos under google/protobuf/ import files the package does not ship;
  // the well-known types still come in through imports (as in googleapis.test.ts).
  const dirs = quick
    ? ['google/api', 'google/rpc', 'google/type', 'google/longrunning', 'google/cloud/speech']
    : ['google'];
  return execFileSync('find', [...dirs, '-name', '*.proto', '-not', '-path', 'google/protobuf/*'], {
    cwd: root,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .sort();
}

function protoc(root, files) {
  const out = join(tempDir(), 'googleapis.binpb');
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    execFile(
      'protoc',
      [`-I${root}`, '--include_imports', `--descriptor_set_out=${out}`, ...files],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
      (error, _o, stderr) =>
        error ? reject(new Error(`protoc failed: ${stderr || error.message}`)) : resolve(performance.now() - t0),
    );
  });
}

export async function run({ quick }) {
  const entries = [];
  const baselines = {};
  const measured = {};
  const notes = [];
  const root = dirname(require.resolve('google-proto-files/package.json'));
  const files = googleapisFiles(root, quick);

  // googleapis: engine first, then protoc, then the engine again (fresh engine, no cache).
  const loadOnce = async (cacheDir) => {
    const host = await startEngineHost({ cacheDir });
    try {
      const target = {
        address: '127.0.0.1:1',
        schema: { reflection: false, protoFiles: files, importPaths: [root], protosets: [] },
      };
      const t0 = performance.now();
      const summary = await host.ask({ type: 'request', method: 'schema.load', input: { target } });
      return { ms: performance.now() - t0, summary };
    } finally {
      await host.close();
    }
  };
  try {
    const first = await loadOnce();
    const protocMs = await protoc(root, files);
    const cacheDir = join(tempDir(), 'schema-cache');
    const second = await loadOnce(cacheDir);
    // The same files again in a fresh engine: the compiled-descriptor cache the second load wrote.
    const reload = await loadOnce(cacheDir);
    const reloadRatio = reload.ms / protocMs;
    const oursMs = Math.min(first.ms, second.ms);
    const ratio = oursMs / protocMs;
    entries.push({
      name: 'googleapis from .proto vs protoc',
      value: round(ratio, 2),
      unit: 'x',
      target: '< 2',
      pass: ratio < 2,
    });
    entries.push({
      name: 'googleapis reload of unchanged files vs protoc',
      value: round(reloadRatio, 3),
      unit: 'x',
      target: '< 0.1',
      pass: reloadRatio < 0.1,
    });
    baselines['protoc (ms)'] = Math.round(protocMs);
    measured['engine schema.load (ms)'] = Math.round(oursMs);
    measured['engine reload from the cache (ms)'] = Math.round(reload.ms);
    const fileCount = first.summary?.fileCount;
    notes.push(
      `${files.length} input files${fileCount ? ` (${fileCount} with imports)` : ''}; engine: best of 2 cold loads (${Math.round(first.ms)}, ${Math.round(second.ms)} ms), each a fresh engine with an empty cache; reload: a third fresh engine on the second's cache; protoc --include_imports --descriptor_set_out`,
    );
  } catch (error) {
    notes.push(`googleapis failed: ${error.message}`);
    entries.push({ name: 'googleapis from .proto vs protoc', value: NaN, unit: 'x', target: '< 2', pass: false });
  }

  // 500 services by reflection.
  const services = quick ? 100 : 500;
  const server = await spawnUntil(
    [join(BENCH_DIR, 'servers', 'many-services.mjs'), String(services)],
    /listening on (\S+)/,
    { timeoutMs: 300_000 },
  );
  const host = await startEngineHost();
  try {
    const target = { address: server.match[1] };
    const t0 = performance.now();
    const summary = await host.ask({ type: 'request', method: 'schema.load', input: { target } });
    const coldMs = performance.now() - t0;
    const t1 = performance.now();
    await host.ask({ type: 'request', method: 'schema.load', input: { target, refresh: true } });
    const refreshMs = performance.now() - t1;
    const listed = summary?.services?.length ?? summary?.serviceCount;
    entries.push({
      name: `reflection of ${services} services`,
      value: Math.round(coldMs),
      unit: 'ms',
      target: '< 2000',
      pass: coldMs < 2000,
    });
    measured['reflection refresh (ms)'] = Math.round(refreshMs);
    notes.push(
      `reflection: first load with an empty cache through schema.load; ${listed ?? '?'} services in the summary; grpc-js + @grpc/reflection server in its own process`,
    );
  } finally {
    await host.close();
    await server.stop();
  }
  return { entries, baselines, measured, notes };
}
