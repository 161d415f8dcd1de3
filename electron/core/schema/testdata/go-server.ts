// Test helper: a real grpc-go server (1.33, whose reflection is v1alpha only) with proto2
// extensions, built from go-server/ with Debian's Go packages in GOPATH mode (no network).
// The binary is cached by a hash of its sources and the toolchain, so only the first run builds.
import { spawn, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SOURCE_DIR = join(__dirname, 'go-server');
const PROTOS = ['catalog.proto', 'extras.proto', 'audit.proto', 'audit_extras.proto'];
const GOCODE = '/usr/share/gocode';
/** Bounds, not expectations: a cold build of grpc-go on a loaded machine takes about a minute. */
const BUILD_TIMEOUT_MS = 10 * 60_000;
const START_TIMEOUT_MS = 60_000;

/** What the build needs, and the Debian package that provides each. */
const TOOLCHAIN: { what: string; found: () => Promise<boolean>; apt: string }[] = [
  { what: 'go', found: () => onPath('go'), apt: 'golang-go' },
  { what: 'protoc', found: () => onPath('protoc'), apt: 'protobuf-compiler' },
  { what: 'protoc-gen-go (v1.3, for plugins=grpc)', found: () => onPath('protoc-gen-go'), apt: 'golang-goprotobuf-dev' },
  { what: 'github.com/golang/protobuf', found: () => exists(join(GOCODE, 'src/github.com/golang/protobuf/proto')), apt: 'golang-goprotobuf-dev' },
  { what: 'google.golang.org/grpc', found: () => exists(join(GOCODE, 'src/google.golang.org/grpc/reflection')), apt: 'golang-google-grpc-dev' },
];
export const GO_SERVER_APT_PACKAGES = [...new Set(TOOLCHAIN.map((t) => t.apt))];

export interface GoServer {
  address: string;
  stop(): Promise<void>;
}

/**
 * A Go server program: .proto files compiled with protoc-gen-go (plugins=grpc) into one GOPATH
 * package, and a main.go that prints "listening <port>" once it accepts connections.
 */
export interface GoProgram {
  /** The folder the .proto files are named relative to (protoc's -I). */
  protoDir: string;
  protos: string[];
  /** Where protoc writes the Go code, relative to GOPATH/src; `sourceRelative` keeps the .proto folders out of it. */
  goOut: string;
  sourceRelative: boolean;
  mainGo: string;
}

const CATALOG: Promise<GoProgram> = readFile(join(SOURCE_DIR, 'main.go'), 'utf8').then((mainGo) => ({
  protoDir: SOURCE_DIR,
  protos: PROTOS,
  goOut: 'loupetest/catalogpb',
  sourceRelative: true,
  mainGo,
}));

/** Builds (once) and starts the server on a loopback port. Fails, naming the apt packages, when the toolchain is missing. */
export async function startGoServer(): Promise<GoServer> {
  return startGoProgram(await buildGoProgram(await CATALOG));
}

/** Starts a built Go server and waits for the port it reports. */
export async function startGoProgram(binary: string): Promise<GoServer> {
  const child = spawn(binary, [], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The Go test server did not report its port within ${START_TIMEOUT_MS} ms. ${stderr}`)), START_TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`The Go test server exited (${code}) before listening: ${stderr}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      const match = /^listening (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
      else reject(new Error(`The Go test server printed "${line}" instead of its port.`));
    });
  });
  return {
    address: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/** Builds a Go server program in GOPATH mode, cached by a hash of its sources and the toolchain. */
export async function buildGoProgram(program: GoProgram): Promise<string> {
  const missing: string[] = [];
  for (const tool of TOOLCHAIN) if (!(await tool.found())) missing.push(`${tool.what} (${tool.apt})`);
  if (missing.length) {
    throw new Error(`The grpc-go test server cannot be built: missing ${missing.join(', ')}. Install with: apt-get install -y ${GO_SERVER_APT_PACKAGES.join(' ')}`);
  }
  const hash = createHash('sha256');
  for (const name of program.protos) hash.update(name).update(await readFile(join(program.protoDir, name)));
  hash.update(program.goOut).update(String(program.sourceRelative)).update(program.mainGo);
  hash.update((await run('go', ['version'])).stdout);
  const cacheRoot = join(tmpdir(), 'loupe-go-server');
  const binary = join(cacheRoot, hash.digest('hex').slice(0, 24), 'server');
  if (await exists(binary)) return binary;

  // Built in a private directory and renamed into place, so a concurrent run never sees half a build.
  const work = join(cacheRoot, `build-${process.pid}-${Date.now()}`);
  try {
    const src = join(work, 'gopath/src');
    const outDir = program.sourceRelative ? join(src, program.goOut) : src;
    await mkdir(outDir, { recursive: true });
    await mkdir(join(src, 'loupetest/server'), { recursive: true });
    await writeFile(join(src, 'loupetest/server/main.go'), program.mainGo);
    const plugin = program.sourceRelative ? 'plugins=grpc,paths=source_relative' : 'plugins=grpc';
    const protoc = ['-I', program.protoDir, `--go_out=${plugin}:${outDir}`, ...program.protos];
    await run('protoc', protoc, { cwd: program.protoDir, timeout: BUILD_TIMEOUT_MS });
    const env = { ...process.env, GO111MODULE: 'off', GOPATH: [join(work, 'gopath'), GOCODE].join(delimiter), GOCACHE: join(cacheRoot, 'go-build'), GOFLAGS: '' };
    await run('go', ['build', '-o', join(work, 'out/server'), '.'], { cwd: join(src, 'loupetest/server'), env, timeout: BUILD_TIMEOUT_MS });
    await rename(join(work, 'out'), join(binary, '..')).catch(async (err: NodeJS.ErrnoException) => {
      if (!(await exists(binary))) throw err; // another run finished first: use its build
    });
    return binary;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function onPath(command: string): Promise<boolean> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && (await exists(join(dir, command)))) return true;
  return false;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** How `describe` shows loupe.audit.Entry: a message no method uses, with extensions in two files. */
export const AUDIT_ENTRY_DESCRIBED = [
  'loupe.audit.Entry is a message:',
  'message Entry {',
  '  optional string what = 1;',
  '  extensions 100 to 199;',
  '}',
  'extend .loupe.audit.Entry {',
  '  optional string actor = 100; // [loupe.audit.actor]',
  '  optional int32 severity = 101; // [loupe.audit.extras.severity]',
  '}',
  '',
].join('\n');
