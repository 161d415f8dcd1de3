#!/usr/bin/env node
// `npm run test:stress`: the README's test command, several times in a row, on a fresh clone of
// the committed HEAD, while busy processes keep cores occupied. A suite that passes here does not
// depend on how fast the machine is. Not part of `npm test` (it takes several full runs).
//
//   npm run test:stress                       # 3 runs, 1 busy core
//   npm run test:stress -- --runs 5 --hogs 2  # more runs, both cores of a 2-core machine busy
//   npm run test:stress -- --keep             # keep the clone (its path is printed)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    hogs: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const hogs = Number(values.hogs);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(hogs) || hogs < 0) {
  console.error('Usage: npm run test:stress -- [--runs N (>= 1)] [--hogs N (>= 0)] [--keep]');
  process.exit(2);
}

const dirty = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).stdout.trim();
if (dirty) console.log('Note: uncommitted changes are not part of the clone; only HEAD is tested.');
const clone = join(mkdtempSync(join(tmpdir(), 'loupe-stress-')), 'loupe');
run('git', ['clone', '--quiet', '--no-hardlinks', root, clone], root);
console.log(
  `Clone of ${spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim()} in ${clone}`,
);
run('npm', ['ci', '--no-audit', '--no-fund'], clone);

// Each hog is a process spinning on one core for as long as the runs last.
const busy = Array.from({ length: hogs }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopHogs = () => busy.forEach((hog) => hog.kill('SIGKILL'));
process.on('exit', stopHogs);
process.on('SIGINT', () => process.exit(130));
console.log(
  `${hogs} busy process${hogs === 1 ? '' : 'es'} started; ${runs} run${runs === 1 ? '' : 's'} of npm test follow.`,
);

const results = [];
for (let i = 1; i <= runs; i++) {
  const started = Date.now();
  const result = spawnSync('npm', ['test'], {
    cwd: clone,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  const summary = result.stdout.match(/^Tests: .*$/m)?.[0] ?? 'Tests: no summary printed';
  const failedTests = result.stdout
    .split('\n')
    .filter((line) => /^\s*(✘|×|FAIL)\s/.test(line) || /^\s+\d+\) \[/.test(line));
  results.push({ run: i, ok: result.status === 0, seconds, summary });
  console.log(`run ${i}/${runs}: ${result.status === 0 ? 'passed' : 'FAILED'} in ${seconds} s; ${summary}`);
  if (result.status !== 0) for (const line of failedTests) console.log(`  ${line.trim()}`);
}
stopHogs();
if (!values.keep) rmSync(dirname(clone), { recursive: true, force: true });
const failed = results.filter((r) => !r.ok).length;
console.log(
  `\nStress: ${runs - failed} of ${runs} runs passed under ${hogs} busy process${hogs === 1 ? '' : 'es'} (${results.map((r) => `${r.seconds} s`).join(', ')}).`,
);
process.exit(failed > 0 ? 1 : 0);

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed in ${cwd}`);
    process.exit(1);
  }
}
