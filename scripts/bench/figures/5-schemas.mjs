// Figure 5: googleapis from .proto sources through the engine vs protoc on the same files, and
// reflection of a server exposing 500 services vs a bare reflection client in the same run.
import { execFile, execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { require, round, spawnUntil, tempDir } from '../lib/common.mjs';
import { bareReflection } from '../lib/bare-reflection.mjs';
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
  // Each side five times (twice when quick), interleaved, best of each: a same-run ratio, as the
  // machine's load drifts. Each side's first run also compiles its code (best of two read
  // 1.64x-2.03x in runs of the same build).
  const address = server.match[1];
  const bareMs = [];
  const oursMs = [];
  let bare;
  let listed;
  try {
    for (let i = 0; i < (quick ? 2 : 5); i++) {
      const t0 = performance.now();
      bare = await bareReflection(address);
      bareMs.push(performance.now() - t0);
      const host = await startEngineHost();
      try {
        const target = { address };
        const t1 = performance.now();
        const summary = await host.ask({ type: 'request', method: 'schema.load', input: { target } });
        oursMs.push(performance.now() - t1);
        listed = summary?.services?.length ?? summary?.serviceCount;
        if (i === 0) {
          const t2 = performance.now();
          await host.ask({ type: 'request', method: 'schema.load', input: { target, refresh: true } });
          measured['reflection refresh (ms)'] = Math.round(performance.now() - t2);
        }
      } finally {
        await host.close();
      }
    }
    const ratio = Math.min(...oursMs) / Math.min(...bareMs);
    entries.push({
      name: `reflection of ${services} services vs a bare grpc-js reflection client`,
      value: round(ratio, 2),
      unit: 'x',
      target: '< 2',
      pass: ratio < 2,
    });
    baselines['bare reflection client (ms)'] = Math.round(Math.min(...bareMs));
    measured['engine reflection schema.load (ms)'] = Math.round(Math.min(...oursMs));
    notes.push(
      `reflection: engine = schema.load with an empty cache in a fresh engine (${oursMs.map(Math.round).join(', ')} ms); baseline = one grpc-js ServerReflectionInfo stream asking as grpcurl does, one question at a time, decoding each file (${bareMs.map(Math.round).join(', ')} ms; ${bare.services} services, ${bare.files} files); engine listed ${listed ?? '?'} services; grpc-js + @grpc/reflection server in its own process`,
    );
  } finally {
    await server.stop();
  }
  return { entries, baselines, measured, notes };
}
