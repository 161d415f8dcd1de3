#!/usr/bin/env node
// `npm run package-size [-- --json FILE] [--no-compress] [--no-build] [--keep DIR]`: what the desktop app
// adds to Electron in its installers, measured for real. electron-builder packs the app
// (electron-builder.yml: its `files`, the production dependencies, asarUnpack) into a `dir`
// target for Linux on this machine's architecture, with an empty stand-in for Electron's runtime,
// so nothing is downloaded; then this lists every file of app.asar and app.asar.unpacked and
// measures them, before compression and compressed as installers compress (gzip -9 like a dmg or
// AppImage, xz -6 like a deb; NSIS's LZMA is close to xz). Electron's own runtime comes on top:
// see README, "Installer size".
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, createGzip } from 'node:zlib';
import { getRawHeader } from '@electron/asar';
import { Arch, build, Platform } from 'electron-builder';
import { isBuildCurrent } from './lib/build-inputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function options(argv) {
  const out = { json: undefined, keep: undefined, compress: true, build: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-compress') out.compress = false;
    else if (arg === '--no-build') out.build = false;
    else if (arg === '--json' || arg === '--keep') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new Error(`${arg} needs a path`);
      out[arg.slice(2)] = resolve(value);
    } else throw new Error(`unknown argument '${arg}'; options: --json FILE, --keep DIR, --no-compress, --no-build`);
  }
  return out;
}

/** electron-builder with a stand-in Electron: resolves to the packed app's resources folder. */
async function packApp(work) {
  // An unpacked Electron distribution as electron-builder copies it: the executable and resources/.
  const standIn = join(work, 'electron-stand-in');
  mkdirSync(join(standIn, 'resources'), { recursive: true });
  writeFileSync(join(standIn, 'electron'), '', { mode: 0o755 });
  const output = join(work, 'out');
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir', Arch[process.arch] ?? Arch.x64),
    // Merged over electron-builder.yml, which electron-builder loads as `npm run dist` does.
    config: { electronDist: standIn, npmRebuild: false, directories: { output } },
    publish: 'never',
  });
  const unpacked = readdirSync(output).find((name) => /^linux-.*unpacked$/.test(name));
  if (!unpacked) throw new Error(`electron-builder wrote no linux-*-unpacked folder into ${output}`);
  return join(output, unpacked, 'resources');
}

/** Every file electron-builder put into app.asar (unpacked ones flagged), from the archive's header. */
function asarFiles(archive) {
  const files = [];
  const walk = (node, path) => {
    for (const [name, entry] of Object.entries(node.files ?? {})) {
      const child = path ? `${path}/${name}` : name;
      if (entry.files) walk(entry, child);
      else if (!('link' in entry))
        files.push({ path: child, size: Number(entry.size), unpacked: entry.unpacked === true });
    }
  };
  walk(getRawHeader(archive).header, '');
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function folderFiles(folder) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(path);
    }
  };
  walk(folder);
  return out.sort();
}

/** A file's group in the report: dist/<folder>, node_modules/<package>, or the file itself. */
function groupOf(path) {
  const parts = path.split('/');
  if (parts[0] === 'node_modules') return parts.slice(0, parts[1]?.startsWith('@') ? 3 : 2).join('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : path;
}

/** Writes the bytes of `files`, one after another, into `sink`, then ends it. */
async function feed(files, sink) {
  for (const file of files) {
    for await (const chunk of createReadStream(file)) if (!sink.write(chunk)) await once(sink, 'drain');
  }
  sink.end();
}

/** The size of `files` compressed as one stream with gzip -9. */
async function gzipSize(files) {
  const gzip = createGzip({ level: constants.Z_BEST_COMPRESSION });
  let size = 0;
  gzip.on('data', (chunk) => (size += chunk.length));
  await Promise.all([feed(files, gzip), once(gzip, 'end')]);
  return size;
}

/** The same with xz -6, through the xz command (Node has none): undefined where it is not installed. */
async function xzSize(files) {
  if (spawnSync('xz', ['--version']).error) return undefined;
  const xz = spawn('xz', ['-6', '-T1', '-c'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let size = 0;
  xz.stdout.on('data', (chunk) => (size += chunk.length));
  const [, [code]] = await Promise.all([feed(files, xz.stdin), once(xz, 'close')]);
  if (code !== 0) throw new Error(`xz exited with code ${code}`);
  return size;
}

const mb = (bytes) => (bytes === undefined ? 'n/a' : `${(bytes / 1e6).toFixed(1)} MB`);

async function main() {
  const opts = options(process.argv.slice(2));
  // --no-build measures dist/ as it is (a test running beside others must not rebuild it under them).
  if (opts.build && !isBuildCurrent(root)) {
    console.log('Building Loupe first: the package holds dist/…');
    const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  const work = opts.keep ?? mkdtempSync(join(tmpdir(), 'loupe-package-size-'));
  try {
    const resources = await packApp(work);
    const archive = join(resources, 'app.asar');
    const files = asarFiles(archive);
    const onDisk = [archive, ...folderFiles(join(resources, 'app.asar.unpacked'))];
    const asarBytes = statSync(archive).size;
    const unpackedBytes = onDisk.slice(1).reduce((sum, file) => sum + statSync(file).size, 0);
    const groups = new Map();
    for (const file of files) groups.set(groupOf(file.path), (groups.get(groupOf(file.path)) ?? 0) + file.size);
    const report = {
      platform: `linux-${process.arch}`,
      asarBytes,
      unpackedBytes,
      totalBytes: asarBytes + unpackedBytes,
      gzipBytes: opts.compress ? await gzipSize(onDisk) : undefined,
      xzBytes: opts.compress ? await xzSize(onDisk) : undefined,
      groups: Object.fromEntries([...groups].sort((a, b) => b[1] - a[1])),
      files,
    };
    if (opts.json) writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);

    console.log(`\nWhat the desktop app adds to Electron (${report.platform}, electron-builder.yml):`);
    for (const [group, bytes] of Object.entries(report.groups).slice(0, 15)) {
      console.log(`  ${mb(bytes).padStart(9)}  ${group}`);
    }
    const rest = Object.values(report.groups).slice(15);
    if (rest.length) console.log(`  ${mb(rest.reduce((a, b) => a + b, 0)).padStart(9)}  ${rest.length} more`);
    console.log(
      `${files.length} files: app.asar ${mb(asarBytes)} + app.asar.unpacked ${mb(unpackedBytes)} = ${mb(report.totalBytes)}` +
        (opts.compress ? `; compressed: gzip -9 ${mb(report.gzipBytes)}, xz -6 ${mb(report.xzBytes)}` : ''),
    );
    if (opts.keep) console.log(`The packed app is in ${relative(process.cwd(), resources).split(sep).join('/')}`);
  } finally {
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`package-size: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
