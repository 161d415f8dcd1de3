// Helpers every figure shares: statistics, child servers, the bare grpc-js baseline client.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BENCH_DIR, DEMO_PROTO_DIR, DIST_CLI, ENGINE_BUNDLE } from './paths.mjs';

export const require = createRequire(import.meta.url);

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const round = (value, digits = 2) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

export function tempDir(prefix = 'loupe-bench-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function loadEngineBundle() {
  return require(ENGINE_BUNDLE);
}

/**
 * Starts a process and resolves once a line of its output matches `pattern`, with the match.
 * The server under test runs in its own process, as a real server would, so its work does not
 * land on the thread being measured.
 */
export function spawnUntil(args, pattern, { env, timeoutMs = 30_000, cwd } = {}) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`${args.join(' ')} printed nothing matching ${pattern} in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const fail = (error) => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    const onData = (data) => {
      output += data.toString();
      const match = output.match(pattern);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.stderr.removeAllListeners('data');
      child.stdout.resume();
      child.stderr.resume();
      child.off('exit', onExit);
      resolve({ child, match, stop: () => stopChild(child) });
    };
    const onExit = (code) => fail(new Error(`${args.join(' ')} exited with ${code}:\n${output}`));
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', onExit);
  });
}

export function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGINT');
  });
}

/**
 * bareDemoClient's Ticker, run in a worker thread (lib/bare-worker.mjs): the baseline for figures
 * whose own thread drives Chromium through Playwright.
 */
export function bareTickerInWorker(address) {
  const worker = new Worker(join(BENCH_DIR, 'lib', 'bare-worker.mjs'), { workerData: { address } });
  let nextId = 1;
  const waiting = new Map();
  worker.on('message', ({ id, result, error }) => {
    const entry = waiting.get(id);
    waiting.delete(id);
    if (error) entry?.reject(new Error(error));
    else entry?.resolve(result);
  });
  worker.on('error', (error) => {
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  });
  return {
    ticker: (count, payloadBytes) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, count, payloadBytes });
      }),
    close: () => worker.terminate(),
  };
}

/** The embedded demo server, built (`loupe demo`), in a child process: gRPC, and gRPC-Web/Connect. */
export async function startDemoChild() {
  const { match, stop, child } = await spawnUntil([DIST_CLI, 'demo'], /listening on (\S+)[\s\S]*listening on (\S+)/);
  return { address: match[1], webAddress: match[2], stop, child };
}

/** A bare @grpc/grpc-js client of the demo service, loaded with @grpc/proto-loader. */
export function bareDemoClient(address) {
  const grpc = require('@grpc/grpc-js');
  const protoLoader = require('@grpc/proto-loader');
  const definition = protoLoader.loadSync('loupe/demo/v1/demo.proto', {
    includeDirs: [DEMO_PROTO_DIR],
    longs: String,
    enums: String,
    defaults: false,
    oneofs: true,
  });
  const Demo = grpc.loadPackageDefinition(definition).loupe.demo.v1.Demo;
  const client = new Demo(address, grpc.credentials.createInsecure(), { 'grpc.max_receive_message_length': -1 });
  return {
    client,
    /** Reads a whole Ticker stream; resolves with messages and milliseconds. */
    ticker(count, payloadBytes, intervalMs = 0) {
      return new Promise((resolve, reject) => {
        const t0 = performance.now();
        let received = 0;
        let last;
        const call = client.Ticker({ count, intervalMs, payloadBytes });
        call.on('data', (tick) => {
          received++;
          last = tick;
        });
        call.on('error', reject);
        call.on('end', () => resolve({ received, ms: performance.now() - t0, last: last?.seq }));
      });
    },
    echo(message) {
      return new Promise((resolve, reject) =>
        client.Echo({ message }, (err, res) => (err ? reject(err) : resolve(res))),
      );
    },
    close: () => client.close(),
  };
}

/** A target as the UI sends it: plaintext, schema by reflection. */
export function demoTarget(address) {
  return { address, tls: { enabled: false, insecureSkipVerify: false } };
}
