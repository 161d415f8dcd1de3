// Figure 8: a cold `loupe call` (schema by reflection) against `buf curl` doing the same call.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { arch, endianness } from 'node:os';
import { join } from 'node:path';
import { median, round, tempDir } from '../lib/common.mjs';
import { CLI } from '../lib/paths.mjs';

export const title = 'CLI cold call';

const require = createRequire(import.meta.url);

/** The native buf binary, found the way electron/core/schema/buf-binary.ts finds it. */
function bufBinary() {
  const table = {
    'linux x64 LE': 'linux-x64',
    'linux arm64 LE': 'linux-aarch64',
    'darwin arm64 LE': 'darwin-arm64',
    'darwin x64 LE': 'darwin-x64',
    'win32 x64 LE': 'win32-x64',
    'win32 arm64 LE': 'win32-arm64',
  };
  const key = table[`${process.platform} ${arch()} ${endianness()}`];
  if (!key) throw new Error(`no buf binary for ${process.platform} ${arch()}`);
  return require.resolve(`@bufbuild/buf-${key}/bin/buf${process.platform === 'win32' ? '.exe' : ''}`);
}

// Node reads every certificate in NODE_EXTRA_CA_CERTS when it starts, before any script runs
// (a system bundle of ~150 certificates is ~400M instructions, as much as the rest of a cold
// call), while buf reads certificates only for TLS. Machines that set it for every program would
// charge that to the Loupe side alone: both run without it, and a Loupe series with it is
// reported next to the figure.
const EXTRA_CA = process.env.NODE_EXTRA_CA_CERTS;

function timed(file, args, env, { extraCa = false } = {}) {
  const fullEnv = { ...process.env, ...env };
  if (!extraCa) delete fullEnv.NODE_EXTRA_CA_CERTS;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    execFile(file, args, { env: fullEnv }, (error, stdout, stderr) => {
      const ms = performance.now() - t0;
      if (error) return reject(new Error(`${file} ${args.join(' ')} failed: ${stderr || error.message}`));
      if (!stdout.includes('"message"')) return reject(new Error(`unexpected output from ${file}: ${stdout}`));
      resolve(ms);
    });
  });
}

export async function run({ demo, quick }) {
  const n = quick ? 3 : 10;
  const body = '{"message":"hi"}';
  const buf = bufBinary();
  const port = demo.address.split(':').pop();
  const bufCache = tempDir('loupe-bench-buf-');
  // The CLI's code cache (electron/cli/launcher) as a user's machine has it after a first call:
  // written by the warm-up run, in a folder of the bench's own.
  const codeCache = tempDir('loupe-bench-code-cache-');
  const loupeRun = (options) =>
    timed(
      process.execPath,
      [CLI, 'call', '--plaintext', '-d', body, demo.address, 'loupe.demo.v1.Demo/Echo'],
      { LOUPE_DATA_DIR: tempDir('loupe-bench-cli-'), LOUPE_CODE_CACHE_DIR: codeCache },
      options,
    );
  const bufRun = () =>
    timed(
      buf,
      [
        'curl',
        '--protocol',
        'grpc',
        '--http2-prior-knowledge',
        '-d',
        body,
        `http://127.0.0.1:${port}/loupe.demo.v1.Demo/Echo`,
      ],
      { BUF_CACHE_DIR: bufCache },
    );
  // One of each first: file system caches warm for both.
  await loupeRun();
  await bufRun();
  const loupe = [];
  const bufTimes = [];
  const withExtraCa = [];
  for (let i = 0; i < n; i++) {
    loupe.push(await loupeRun());
    bufTimes.push(await bufRun());
    if (EXTRA_CA) withExtraCa.push(await loupeRun({ extraCa: true }));
  }
  const ratio = median(loupe) / median(bufTimes);
  return {
    entries: [
      { name: 'loupe call vs buf curl (wall time)', value: round(ratio, 2), unit: 'x', target: '< 2', pass: ratio < 2 },
    ],
    baselines: { 'buf curl median (ms)': round(median(bufTimes), 1) },
    measured: {
      'loupe call median (ms)': round(median(loupe), 1),
      ...(EXTRA_CA ? { 'loupe call with NODE_EXTRA_CA_CERTS median (ms)': round(median(withExtraCa), 1) } : {}),
    },
    details: {
      loupe: loupe.map((v) => round(v, 1)),
      buf: bufTimes.map((v) => round(v, 1)),
      ...(EXTRA_CA ? { loupeWithExtraCa: withExtraCa.map((v) => round(v, 1)) } : {}),
      bufPath: join(buf),
    },
    notes: [
      `${n} alternating runs each, a fresh LOUPE_DATA_DIR per loupe run (no schema cache) and the CLI's code cache from the warm-up run, both by reflection against the demo server`,
      EXTRA_CA
        ? `this machine sets NODE_EXTRA_CA_CERTS (${EXTRA_CA}), which Node reads at every start: both programs ran without it; the Loupe series with it is reported beside the figure`
        : 'NODE_EXTRA_CA_CERTS is not set here',
    ],
  };
}
