#!/usr/bin/env node
// `npm run bench`: Loupe's performance figures. Every figure is a ratio or difference against a
// baseline measured in the same run, because the machine is noisy; none of them is a test.
//
//   npm run bench                          all figures, human summary
//   npm run bench -- --json report.json    also write a JSON report
//   npm run bench -- --only 1,3 --quick    some figures, smaller sizes
//   npm run bench -- --only 2,2-busy       a figure and its busy-machine variant
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildBundles } from './lib/build.mjs';
import { busyDropEntries, startBusyLoad } from './lib/busy.mjs';
import { describeMachine, loadNow, machineInfo } from './lib/machine.mjs';
import { startDemoChild, tempDir } from './lib/common.mjs';
import { BENCH_DIR, DIST_CLI, RENDERER_DIR, ROOT } from './lib/paths.mjs';

export const FIGURES = [
  { id: '1', file: '1-stream.mjs', title: 'Engine stream throughput' },
  { id: '2', file: '2-ui-stream.mjs', title: 'Stream to the screen' },
  { id: '3', file: '3-unary.mjs', title: 'Unary overhead' },
  { id: '4', file: '4-memory.mjs', title: 'Memory after a long stream' },
  { id: '5', file: '5-schemas.mjs', title: 'Schemas' },
  { id: '6', file: '6-big-message.mjs', title: 'Big message' },
  { id: '7', file: '7-startup.mjs', title: 'Start-up' },
  { id: '8', file: '8-cli.mjs', title: 'CLI cold call' },
  { id: '9', file: '9-protocols.mjs', title: 'Stream throughput per protocol' },
  { id: '10', file: '10-mock.mjs', title: 'Mock server stream throughput' },
  { id: '11', file: '11-script-hooks.mjs', title: 'Stream with a per-message test hook' },
  { id: '12', file: '12-load.mjs', title: 'Load generator throughput' },
  { id: '13', file: '13-load-ui.mjs', title: 'Live load run in the window' },
  // Busy-machine variants: the same figure with a CPU-bound process on another core, compared
  // with the quiet figure of the same run (which runs first when it was not asked for).
  { id: '2-busy', file: '2-ui-stream.mjs', title: 'Stream to the screen, busy machine', busyOf: '2' },
  { id: '6-busy', file: '6-big-message.mjs', title: 'Big message, busy machine', busyOf: '6' },
];

function parseArgs(argv) {
  const args = { json: undefined, only: undefined, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = argv[++i];
    else if (arg.startsWith('--json=')) args.json = arg.slice(7);
    else if (arg === '--only') args.only = argv[++i];
    else if (arg.startsWith('--only=')) args.only = arg.slice(7);
    else if (arg === '--quick') args.quick = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else throw new Error(`unknown argument ${arg} (see --help)`);
  }
  if (args.json === '') throw new Error('--json needs a file name');
  return args;
}

const HELP = `Usage: npm run bench -- [--only 1,3,...] [--quick] [--json report.json]
Figures:
${FIGURES.map((f) => `  ${f.id}  ${f.title}`).join('\n')}`;

/** Puts the quiet figure before each busy variant, adding it when only the variant was asked for. */
function withQuietRuns(figures) {
  const out = [];
  for (const figure of figures) {
    const quiet = figure.busyOf && FIGURES.find((f) => f.id === figure.busyOf);
    if (quiet && !out.includes(quiet)) out.push(quiet);
    if (!out.includes(figure)) out.push(figure);
  }
  return out;
}

function runFigure(figure, options) {
  const out = join(tempDir('loupe-bench-result-'), 'result.json');
  const args = ['--expose-gc', join(BENCH_DIR, 'lib', 'figure.mjs'), figure.file, JSON.stringify(options), out];
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => {
      if (existsSync(out)) return resolvePromise(JSON.parse(readFileSync(out, 'utf8')));
      resolvePromise({ status: 'error', error: `the figure's process exited with ${code} and no result` });
    });
  });
}

function formatValue(v) {
  if (typeof v === 'number') return Math.abs(v) >= 100 ? String(Math.round(v)) : String(v);
  return String(v);
}

function summarize(figure, result) {
  const lines = [`${figure.id}. ${figure.title}`];
  if (result.status !== 'ok')
    lines.push(`   ${result.status === 'ui-not-ready' ? 'UI NOT READY' : 'ERROR'}: ${result.error}`);
  for (const e of result.entries ?? []) {
    const verdict = e.pass === null || e.pass === undefined ? 'n/a ' : e.pass ? 'PASS' : 'MISS';
    lines.push(`   [${verdict}] ${e.name}: ${formatValue(e.value)} ${e.unit} (target ${e.target} ${e.unit})`);
  }
  const kv = (label, obj) =>
    obj &&
    Object.keys(obj).length &&
    lines.push(
      `   ${label}: ${Object.entries(obj)
        .map(([k, v]) => `${k} ${formatValue(v)}`)
        .join(', ')}`,
    );
  kv('measured', result.measured);
  kv('baseline', result.baselines);
  for (const note of result.notes ?? []) lines.push(`   note: ${note}`);
  return lines.join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) return console.log(HELP);
  const wanted = args.only
    ? new Set(
        args.only
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
    : undefined;
  for (const id of wanted ?? [])
    if (!FIGURES.some((f) => f.id === id))
      throw new Error(`unknown figure ${id}; figures are ${FIGURES.map((f) => f.id).join(', ')}`);
  if (!existsSync(DIST_CLI) || !existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('dist/ is not built: run `npm run build` (npm install does it) first.');
  }
  const figures = withQuietRuns(FIGURES.filter((f) => !wanted || wanted.has(f.id)));
  await buildBundles();
  const built = JSON.parse(readFileSync(join(ROOT, 'dist', 'build-stamp.json'), 'utf8'));
  const machine = { ...machineInfo(), loadBefore: loadNow() };
  console.log(
    `Loupe bench${args.quick ? ' (quick)' : ''} on ${describeMachine(machine)}; load average ${machine.loadBefore}; dist/ built ${new Date(built.builtAt).toISOString()}\n`,
  );
  const demo = await startDemoChild();
  const results = [];
  try {
    for (const figure of figures) {
      const started = Date.now();
      process.stdout.write(`running ${figure.id}. ${figure.title}...\n`);
      const loadBefore = loadNow();
      const busy = figure.busyOf ? startBusyLoad() : undefined;
      let result;
      try {
        result = await runFigure(figure, {
          demo: { address: demo.address, webAddress: demo.webAddress },
          quick: args.quick,
        });
      } finally {
        await busy?.stop();
      }
      result.seconds = Math.round((Date.now() - started) / 100) / 10;
      result.load = { before: loadBefore, after: loadNow() };
      if (busy) {
        const quiet = results.find((r) => r.figure.id === figure.busyOf)?.result;
        result.notes = [...(result.notes ?? []), `busy: ${busy.how} while the figure ran`];
        // The busy figure's own values are shown for reading; its targets are the drops.
        const own = (result.entries ?? []).map((e) => ({ ...e, target: `${e.target} when quiet`, pass: null }));
        result.entries = [...own, ...(quiet ? busyDropEntries(quiet, result) : [])];
        if (!quiet) result.notes.push(`figure ${figure.busyOf} did not run, so there is nothing to compare with`);
      }
      results.push({ figure, result });
      console.log(
        `${summarize(figure, result)}\n   (${result.seconds} s; load average ${loadBefore} -> ${result.load.after})\n`,
      );
    }
  } finally {
    await demo.stop();
  }

  const entries = results.flatMap(({ figure, result }) =>
    (result.entries ?? []).map((e) => ({ figure: figure.id, ...e })),
  );
  const missed = entries.filter((e) => e.pass === false);
  // A value shown without a verdict (n/a: no long-task API, a busy run's raw figure) is no target.
  const judged = entries.filter((e) => e.pass === true || e.pass === false);
  const incomplete = results.filter(({ result }) => result.status !== 'ok');
  console.log('Summary');
  for (const { figure, result } of results) {
    const own = (result.entries ?? []).map(
      (e) => `${e.name} ${formatValue(e.value)} ${e.unit} ${e.pass === false ? 'MISS' : e.pass ? 'ok' : 'n/a'}`,
    );
    console.log(
      `  ${figure.id}. ${figure.title}: ${result.status === 'ok' ? '' : `${result.status}; `}${own.join('; ') || '-'}`,
    );
  }
  console.log(
    `\n${judged.length - missed.length}/${judged.length} targets met${incomplete.length ? `, ${incomplete.length} figure(s) incomplete` : ''}.`,
  );

  if (args.json) {
    const report = {
      date: new Date().toISOString(),
      quick: args.quick,
      machine: { ...machine, loadAfter: loadNow() },
      figures: entries.map((e) => ({
        id: `${e.figure}:${e.name}`,
        figure: e.figure,
        name: e.name,
        value: e.value,
        unit: e.unit,
        target: e.target,
        pass: e.pass,
        baseline: results.find((r) => r.figure.id === e.figure)?.result.baselines ?? {},
        measured: results.find((r) => r.figure.id === e.figure)?.result.measured ?? {},
      })),
      runs: results.map(({ figure, result }) => ({ id: figure.id, title: figure.title, ...result })),
    };
    writeFileSync(resolve(args.json), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`JSON report written to ${resolve(args.json)}`);
  }
}

main().catch((error) => {
  console.error(`bench: ${error?.message ?? error}`);
  process.exit(1);
});
