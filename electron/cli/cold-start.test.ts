import { join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * What a cold command evaluates, read from the CLI bundle's own esbuild graph (the build's
 * configuration, scripts/lib/cli-bundle.mjs): a module is evaluated when the entry reaches it
 * through static imports or requires; a dynamic import() waits until the code that makes it runs.
 * A cold `loupe call` cost 2.7x `buf curl`, much of it evaluating modules the call never used
 * (auth flows, SOCKS, the text format, every model of the contract): a static import of one of
 * them fails here, before it shows up in a benchmark.
 */
const ROOT = resolve(__dirname, '../..');

interface CliBundle {
  cliMainOptions(root: string, opts: { mainFile: string; version: string; sourcemap: boolean }): object;
}

let inputs: Metafile['inputs'];

beforeAll(async () => {
  const { cliMainOptions } = (await import(join(ROOT, 'scripts/lib/cli-bundle.mjs'))) as CliBundle;
  const options = cliMainOptions(ROOT, { mainFile: join(ROOT, 'dist/cli-main.cjs'), version: '0', sourcemap: false });
  const result = await build({ ...options, write: false, absWorkingDir: ROOT, metafile: true });
  inputs = result.metafile.inputs;
}, 120_000);

/**
 * Every input the entries reach without a dynamic import(), as paths from the repository, and the
 * packages left outside the bundle they require, as `external:<name>`.
 */
function evaluatedFrom(...entries: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    if (seen.has(next)) continue;
    const input = inputs[next];
    if (!input) throw new Error(`${next} is not in the CLI bundle`);
    seen.add(next);
    for (const i of input.imports) {
      if (i.kind === 'dynamic-import') continue;
      if (i.external) seen.add(`external:${i.path}`);
      else queue.push(i.path);
    }
  }
  // Packages may sit behind a symlinked node_modules: name them from their node_modules folder.
  return [...seen].map((p) => p.replace(/^.*node_modules\//, 'node_modules/')).sort();
}

const matching = (paths: string[], pattern: RegExp) => paths.filter((p) => pattern.test(p));

describe('a cold CLI command evaluates only what it uses', () => {
  it('the command line itself (every command, --help, --version) loads no gRPC and no protobuf', () => {
    const evaluated = evaluatedFrom('electron/cli/main.ts');
    expect(matching(evaluated, /node_modules\/(@grpc|@bufbuild|@connectrpc)\//)).toEqual([]);
    expect(matching(evaluated, /^electron\/core\/(calls|schema|auth|net|workspace)\//)).toEqual([]);
  });

  it('loupe call leaves out auth flows, the text format and other commands', () => {
    const evaluated = evaluatedFrom('electron/cli/main.ts', 'electron/cli/commands/call.ts');
    // It does load what a call needs: a test that found nothing would prove nothing.
    expect(matching(evaluated, /node_modules\/@grpc\/grpc-js\//).length).toBeGreaterThan(0);
    expect(evaluated).toContain('electron/core/schema/reflection-client.ts');
    const heavy =
      /node_modules\/(openid-client|oauth4webapi|jose|hdr-histogram-js|csv-parse|ws|@connectrpc\/connect-node|socks|ip-address)\/|^electron\/core\/(load|mock|scripts|demo|history|schema\/drift|schema\/text-format|auth\/(google|jwt|oauth2-config|oauth2-flows))\/?|^electron\/(server|core\/handlers\/handlers\.ts)|^shared\/model\/(index|load|load-report|drift)\.ts$/;
    expect(matching(evaluated, heavy)).toEqual([]);
  });

  it('loupe web serves reflection of its demo without @grpc/reflection (protobufjs parsing .proto files at start)', () => {
    // browser-mode.ts imports the engine and the demo once the page server listens.
    const evaluated = evaluatedFrom(
      'electron/cli/main.ts',
      'electron/cli/commands/serve.ts',
      'electron/server/browser-mode.ts',
      'electron/core/engine.ts',
      'electron/core/demo/index.ts',
    );
    expect(evaluated).toContain('electron/core/demo/grpc-reflection.ts');
    // (grpc-js requires @grpc/proto-loader only inside its channelz and ORCA services.)
    expect(matching(evaluated, /^external:@grpc\/reflection|node_modules\/protobufjs\//)).toEqual([]);
  });
});
