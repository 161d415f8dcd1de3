import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TargetSettingsSchema, type TargetSettingsInput } from '../../../shared/model/target';
import { exportK6, K6_SCRIPT } from './k6-export';
import { demoSchema, plan } from './test-support/load-fixtures';

const ROOT = resolve(__dirname, '../../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

function exported(planInput: Parameters<typeof plan>[0], target: TargetSettingsInput = { address: 'localhost:50051' }) {
  const p = plan(planInput);
  const request = p.request as { method: string; body: string };
  const schema = demoSchema();
  const method = schema.method(request.method);
  return exportK6({
    plan: p,
    target: TargetSettingsSchema.parse(target),
    method,
    schema,
    messages: [request.body],
    metadata: [{ name: 'x-run', value: 'r-{{$seq}}' }],
  });
}

/** Type-checks a script against k6's published types (@types/k6), as a k6 user's editor would. */
async function typeCheck(files: ReturnType<typeof exportK6>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'loupe-k6-'));
  for (const f of files) await writeFile(join(dir, f.path), Buffer.from(f.content, f.encoding));
  await promisify(execFile)(
    process.execPath,
    [
      TSC,
      '--noEmit',
      '--allowJs',
      '--checkJs',
      '--strict',
      '--target',
      'es2020',
      '--module',
      'esnext',
      '--moduleResolution',
      'node',
      '--types',
      'k6',
      '--typeRoots',
      join(ROOT, 'node_modules/@types'),
      join(dir, K6_SCRIPT),
    ],
    { cwd: dir, timeout: 120_000 },
  ).catch((err: Error & { stdout?: string }) => {
    throw new Error(`the k6 script does not type-check:\n${err.stdout ?? err.message}`);
  });
}

const script = (files: ReturnType<typeof exportK6>) => files.find((f) => f.path === K6_SCRIPT)!.content;
const optionsOf = (files: ReturnType<typeof exportK6>) =>
  JSON.parse(/export const options = (\{[\s\S]*?\n\});/.exec(script(files))![1]!) as {
    scenarios: Record<string, Record<string, unknown>>;
    thresholds: Record<string, string[]>;
  };

describe('k6 export', () => {
  it('writes a unary test that type-checks against k6, with its rate, thresholds and reflection', async () => {
    const files = exported({
      calls: 300,
      concurrency: 10,
      schedule: { kind: 'const', rps: 50 },
      thresholds: ['p99<200ms', 'errors<1%'],
    });
    expect(files.map((f) => f.path)).toEqual([K6_SCRIPT]);
    const options = optionsOf(files);
    expect(options.scenarios.load).toMatchObject({
      executor: 'constant-arrival-rate',
      rate: 50,
      duration: '6s',
      preAllocatedVUs: 10,
    });
    expect(options.thresholds).toEqual({
      'grpc_req_duration{scenario:load}': ['p(99)<200'],
      'checks{scenario:load}': ['rate>0.99'],
    });
    expect(script(files)).toContain('"reflect":true');
    expect(script(files)).toContain('"plaintext":true');
    await typeCheck(files);
  }, 180_000);

  it('writes a stream test from a schema of files, with a ramp, warm-up and the protoset beside it', async () => {
    const files = exported(
      {
        method: 'loupe.demo.v1.Demo/Chat',
        body: '{"text":"{{$row.word}}"} {"text":"two"}',
        durationMs: 20_000,
        stream: { messages: 3, intervalMs: 100 },
        schedule: { kind: 'line', start: 10, step: 5, end: 50 },
        warmup: { durationMs: 2000 },
        thresholds: ['p90<=1s', 'rps>5'],
      },
      {
        address: 'api.example.com:443',
        tls: { enabled: true },
        schema: { reflection: false, protoFiles: ['x.proto'] },
      },
    );
    expect(files.map((f) => f.path)).toEqual([K6_SCRIPT, 'schema.protoset']);
    const options = optionsOf(files);
    expect(options.scenarios.warmup).toEqual({ executor: 'constant-vus', vus: 4, duration: '2s' });
    expect(options.scenarios.load).toMatchObject({
      executor: 'ramping-arrival-rate',
      startRate: 10,
      startTime: '2s',
      stages: [
        { target: 50, duration: '8s' },
        { target: 50, duration: '12s' },
      ],
    });
    expect(options.thresholds).toEqual({
      'stream_duration{scenario:load}': ['p(90)<=1000'],
      'iterations{scenario:load}': ['rate>5'],
    });
    expect(script(files)).toContain("client.loadProtoset('./schema.protoset')");
    expect(script(files)).toContain('new grpc.Stream(client, METHOD, params)');
    expect(script(files)).toContain(
      'const MESSAGES = [\n  "{\\"text\\":\\"{{$row.word}}\\"}",\n  "{\\"text\\":\\"two\\"}"\n];',
    );
    expect(script(files)).toContain('"plaintext":false');
    await typeCheck(files);
  }, 180_000);

  it('maps a step schedule to jumps and holds, and no rate to shared iterations', () => {
    const step = optionsOf(
      exported({ durationMs: 4000, schedule: { kind: 'step', start: 10, step: 10, stepDurationMs: 2000 } }),
    );
    expect(step.scenarios.load!.stages).toEqual([
      { target: 10, duration: '0s' },
      { target: 10, duration: '2s' },
      { target: 20, duration: '0s' },
      { target: 20, duration: '2s' },
    ]);
    expect(optionsOf(exported({ calls: 100, concurrency: 7 })).scenarios.load).toEqual({
      executor: 'shared-iterations',
      vus: 7,
      iterations: 100,
      maxDuration: '1h',
    });
  });
});
