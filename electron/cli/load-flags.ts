import { z } from 'zod';
import { LoadPlanSchema, type LoadPlan, type LoadPlanInput, type LoadSchedule } from '../../shared/model/load';
import { AppError } from '../../shared/model/errors';
import { parseFile } from '../../shared/workspace/json-file';
import type { AuthFlag } from './auth-flag';
import type { ConnectionFlags } from './options';
import { usage } from './options';

/** `loupe load`'s own flags, named as ghz names them. */
export interface LoadFlags extends ConnectionFlags, AuthFlag {
  workspace?: string;
  env?: string;
  concurrency?: string;
  total?: string;
  duration?: string;
  rps?: string;
  connections?: string;
  loadSchedule?: string;
  loadStart?: string;
  loadEnd?: string;
  loadStep?: string;
  loadStepDuration?: string;
  loadMaxDuration?: string;
  data?: string;
  dataPath?: string;
  metadata?: string;
  dataFile?: string;
  dataPick?: string;
  streamMessages?: string;
  streamInterval?: string;
  warmup?: string;
  threshold: string[];
  timeout?: string;
  output?: string;
  html?: string;
  k6?: string;
  history?: boolean;
}

const UNITS: Record<string, number> = { us: 0.001, µs: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration as ghz takes it: 10s, 500ms, 1m30s (a bare number is seconds). */
export function parseDuration(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(us|\u00b5s|ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== text)
    throw usage(`${flag} must be a duration such as 10s, 500ms or 1m30s, got '${value}'`);
  const ms = Math.round(parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNITS[unit!]!, 0));
  if (ms <= 0) throw usage(`${flag} must be longer than zero, got '${value}'`);
  return ms;
}

function parseNumber(flag: string, value: string | undefined, { integer = true, min = 1 } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min)
    throw usage(`${flag} must be ${integer ? 'a whole number' : 'a number'} of at least ${min}, got '${value}'`);
  return n;
}

function schedule(flags: LoadFlags): LoadSchedule | undefined {
  const kind = flags.loadSchedule ?? 'const';
  if (kind === 'const') {
    const rps = parseNumber('--rps', flags.rps, { integer: false, min: 0.001 });
    return rps === undefined ? undefined : { kind: 'const', rps };
  }
  if (kind !== 'step' && kind !== 'line') throw usage(`--load-schedule must be const, step or line, got '${kind}'`);
  const start = parseNumber('--load-start', flags.loadStart ?? flags.rps, { integer: false, min: 0 });
  const step = parseNumber('--load-step', flags.loadStep, { integer: false, min: -1e6 });
  if (start === undefined || step === undefined)
    throw usage(`--load-schedule ${kind} needs --load-start and --load-step`);
  const end = parseNumber('--load-end', flags.loadEnd, { integer: false, min: 0 });
  const maxDurationMs = parseDuration('--load-max-duration', flags.loadMaxDuration);
  const common = { start, step, ...(end !== undefined ? { end } : {}), ...(maxDurationMs ? { maxDurationMs } : {}) };
  if (kind === 'line') return { kind, ...common };
  const stepDurationMs = parseDuration('--load-step-duration', flags.loadStepDuration);
  if (!stepDurationMs) throw usage('--load-schedule step needs --load-step-duration, e.g. 10s');
  return { kind, ...common, stepDurationMs };
}

/** `--warmup 100` (calls) or `--warmup 5s` (time). */
function warmup(value: string | undefined): LoadPlanInput['warmup'] {
  if (value === undefined) return undefined;
  return /^\d+$/.test(value.trim())
    ? { calls: parseNumber('--warmup', value)! }
    : { durationMs: parseDuration('--warmup', value)! };
}

/** -m: metadata as a JSON object of names to values (ghz's form), besides -H 'name: value'. */
export function metadataFlag(value: string | undefined): Array<{ name: string; value: string }> {
  if (value === undefined) return [];
  const parsed = parseFile(z.record(z.string(), z.string()), value, '-m');
  return Object.entries(parsed).map(([name, v]) => ({ name, value: v }));
}

/** The plan the flags describe; the request part is filled in by the caller. */
export function planFromFlags(flags: LoadFlags, request: LoadPlanInput['request']): LoadPlan {
  const streamMessages = parseNumber('--stream-messages', flags.streamMessages);
  const streamIntervalMs = parseDuration('--stream-interval', flags.streamInterval);
  const timeout = parseDuration('--timeout', flags.timeout);
  const input: LoadPlanInput = {
    request,
    ...(flags.total !== undefined ? { calls: parseNumber('-n', flags.total)! } : {}),
    ...(flags.duration !== undefined ? { durationMs: parseDuration('-z', flags.duration)! } : {}),
    ...(flags.concurrency !== undefined ? { concurrency: parseNumber('-c', flags.concurrency)! } : {}),
    ...(flags.connections !== undefined ? { connections: parseNumber('--connections', flags.connections)! } : {}),
    ...(schedule(flags) ? { schedule: schedule(flags)! } : {}),
    stream: { ...(streamMessages ? { messages: streamMessages } : {}), intervalMs: streamIntervalMs ?? 0 },
    ...(warmup(flags.warmup) ? { warmup: warmup(flags.warmup)! } : {}),
    ...(flags.dataFile ? { data: { path: flags.dataFile, pick: dataPick(flags.dataPick) } } : {}),
    ...(timeout ? { deadlineMs: timeout } : {}),
    thresholds: flags.threshold,
  };
  const parsed = LoadPlanSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('VALIDATION', `${issue.path.join('.') || 'the load test'}: ${issue.message}`);
  }
  return parsed.data;
}

function dataPick(value: string | undefined): 'sequence' | 'random' {
  if (value === undefined || value === 'sequence' || value === 'random') return value ?? 'sequence';
  throw usage(`--data-pick must be sequence or random, got '${value}'`);
}
