import { z } from 'zod';
import {
  LoadPlanSchema,
  LoadScheduleSchema,
  type LoadPlanInput,
  type LoadRequest,
  type LoadSchedule,
} from '../../../../shared/model/load';

/**
 * The Load form as typed: every number stays the text the user wrote until Start, so a field
 * half-typed ("1." or "") is never replaced under their cursor. `planFromDraft` turns it into a
 * plan, or says which field is wrong and why.
 */
export const PlanDraftSchema = z.object({
  calls: z.string().max(20),
  durationSeconds: z.string().max(20),
  concurrency: z.string().max(20),
  connections: z.string().max(20),
  rate: z.enum(['none', 'const', 'step', 'line']),
  rps: z.string().max(20),
  rampStart: z.string().max(20),
  rampStep: z.string().max(20),
  rampEnd: z.string().max(20),
  stepSeconds: z.string().max(20),
  rampMaxSeconds: z.string().max(20),
  streamMessages: z.string().max(20),
  streamIntervalMs: z.string().max(20),
  warmup: z.enum(['none', 'calls', 'duration']),
  warmupValue: z.string().max(20),
  dataPath: z.string().max(4096),
  dataPick: z.enum(['sequence', 'random']),
  thresholds: z.string().max(20_000),
});
export type PlanDraft = z.infer<typeof PlanDraftSchema>;
export type PlanField = keyof PlanDraft;

export const DEFAULT_DRAFT: PlanDraft = {
  calls: '1000',
  durationSeconds: '',
  concurrency: '10',
  connections: '1',
  rate: 'none',
  rps: '100',
  rampStart: '10',
  rampStep: '10',
  rampEnd: '100',
  stepSeconds: '5',
  rampMaxSeconds: '',
  streamMessages: '10',
  streamIntervalMs: '0',
  warmup: 'none',
  warmupValue: '',
  dataPath: '',
  dataPick: 'sequence',
  thresholds: '',
};

export type PlanResult = { plan: LoadPlanInput } | { errors: Partial<Record<PlanField, string>> };

/** What the tab gives every plan: the request it sends and, when set, its deadline. */
export interface PlanContext {
  request: LoadRequest;
  deadlineMs?: number;
  /** Streams get messages per stream and an interval; unary calls do not. */
  streaming: boolean;
}

class FieldProblems {
  readonly errors: Partial<Record<PlanField, string>> = {};

  /** A number in the field: empty is `undefined` when optional, else an error. */
  number(
    field: PlanField,
    text: string,
    rule: { integer?: boolean; min: number; optional?: boolean; what: string },
  ): number | undefined {
    const trimmed = text.trim();
    if (trimmed === '') {
      if (!rule.optional) this.errors[field] = `Enter ${rule.what}`;
      return undefined;
    }
    const n = Number(trimmed);
    const kind = rule.integer ? 'a whole number' : 'a number';
    if (!Number.isFinite(n) || (rule.integer && !Number.isInteger(n)) || n < rule.min) {
      this.errors[field] =
        `${rule.what[0]!.toUpperCase()}${rule.what.slice(1)} must be ${kind} of at least ${rule.min}, not '${trimmed}'`;
      return undefined;
    }
    return n;
  }
}

function scheduleOf(draft: PlanDraft, p: FieldProblems): LoadSchedule | undefined {
  if (draft.rate === 'none') return undefined;
  if (draft.rate === 'const') {
    const rps = p.number('rps', draft.rps, { min: 0.001, what: 'the rate in calls per second' });
    return rps === undefined ? undefined : { kind: 'const', rps };
  }
  const start = p.number('rampStart', draft.rampStart, { min: 0, what: 'the starting rate' });
  const step = Number(draft.rampStep.trim());
  if (draft.rampStep.trim() === '' || !Number.isFinite(step) || step === 0) {
    p.errors.rampStep = `The change must be a number other than 0 (negative to slow down), not '${draft.rampStep.trim()}'`;
  }
  const end = p.number('rampEnd', draft.rampEnd, { min: 0, optional: true, what: 'the final rate' });
  const maxSeconds = p.number('rampMaxSeconds', draft.rampMaxSeconds, {
    min: 0.001,
    optional: true,
    what: 'the ramp time',
  });
  const maxDurationMs = maxSeconds === undefined ? undefined : Math.max(1, Math.round(maxSeconds * 1000));
  const rest = { ...(end !== undefined ? { end } : {}), ...(maxDurationMs !== undefined ? { maxDurationMs } : {}) };
  if (draft.rate === 'line') return start === undefined ? undefined : { kind: 'line', start, step, ...rest };
  const stepSeconds = p.number('stepSeconds', draft.stepSeconds, { min: 0.001, what: 'the time of each step' });
  if (start === undefined || stepSeconds === undefined) return undefined;
  return { kind: 'step', start, step, stepDurationMs: Math.max(1, Math.round(stepSeconds * 1000)), ...rest };
}

/**
 * The schedule the draft's rate fields ask for, when they are valid, whatever the rest of the
 * form says: its preview follows the rate fields alone.
 */
export function scheduleFromDraft(draft: PlanDraft): LoadSchedule | undefined {
  const p = new FieldProblems();
  const schedule = scheduleOf(draft, p);
  return Object.keys(p.errors).length === 0 && LoadScheduleSchema.safeParse(schedule).success ? schedule : undefined;
}

/** The thresholds typed one per line; blank lines are ignored. */
export function thresholdLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

const ZOD_FIELDS: Record<string, PlanField> = {
  calls: 'calls',
  durationMs: 'durationSeconds',
  concurrency: 'concurrency',
  connections: 'connections',
  schedule: 'rps',
  stream: 'streamMessages',
  warmup: 'warmupValue',
  data: 'dataPath',
  thresholds: 'thresholds',
};

/** The plan the draft asks for, checked against the contract's own schema, or what is wrong in which field. */
export function planFromDraft(draft: PlanDraft, context: PlanContext): PlanResult {
  const p = new FieldProblems();
  const calls = p.number('calls', draft.calls, { integer: true, min: 1, optional: true, what: 'the number of calls' });
  const seconds = p.number('durationSeconds', draft.durationSeconds, {
    min: 0.001,
    optional: true,
    what: 'the duration',
  });
  if (calls === undefined && seconds === undefined && !p.errors.calls && !p.errors.durationSeconds) {
    p.errors.calls = 'Enter a number of calls, a duration, or both (the run stops at whichever comes first)';
  }
  const concurrency = p.number('concurrency', draft.concurrency, { integer: true, min: 1, what: 'the concurrency' });
  const connections = p.number('connections', draft.connections, { integer: true, min: 1, what: 'the connections' });
  const schedule = scheduleOf(draft, p);
  const warmupValue =
    draft.warmup === 'none'
      ? undefined
      : p.number('warmupValue', draft.warmupValue, {
          min: draft.warmup === 'calls' ? 1 : 0.001,
          integer: draft.warmup === 'calls',
          what: draft.warmup === 'calls' ? 'the warm-up calls' : 'the warm-up seconds',
        });
  const streamMessages = context.streaming
    ? p.number('streamMessages', draft.streamMessages, {
        integer: true,
        min: 1,
        optional: true,
        what: 'the messages per stream',
      })
    : undefined;
  const intervalMs = context.streaming
    ? p.number('streamIntervalMs', draft.streamIntervalMs, {
        integer: true,
        min: 0,
        optional: true,
        what: 'the interval',
      })
    : undefined;
  if (Object.keys(p.errors).length > 0) return { errors: p.errors };

  const plan: LoadPlanInput = {
    request: context.request,
    ...(calls !== undefined ? { calls } : {}),
    ...(seconds !== undefined ? { durationMs: Math.max(1, Math.round(seconds * 1000)) } : {}),
    concurrency,
    connections,
    ...(schedule ? { schedule } : {}),
    ...(context.streaming
      ? {
          stream: {
            ...(streamMessages !== undefined ? { messages: streamMessages } : {}),
            intervalMs: intervalMs ?? 0,
          },
        }
      : {}),
    ...(warmupValue !== undefined
      ? {
          warmup:
            draft.warmup === 'calls'
              ? { calls: warmupValue }
              : { durationMs: Math.max(1, Math.round(warmupValue * 1000)) },
        }
      : {}),
    ...(draft.dataPath.trim() ? { data: { path: draft.dataPath.trim(), pick: draft.dataPick } } : {}),
    ...(context.deadlineMs !== undefined ? { deadlineMs: context.deadlineMs } : {}),
    thresholds: thresholdLines(draft.thresholds),
  };
  // The contract's schema has the last word (limits, connections ≤ concurrency): its message, on its field.
  const checked = LoadPlanSchema.safeParse(plan);
  if (checked.success) return { plan };
  const errors: Partial<Record<PlanField, string>> = {};
  for (const issue of checked.error.issues) {
    const field = ZOD_FIELDS[String(issue.path[0])] ?? 'calls';
    errors[field] ??= issue.message;
  }
  return { errors };
}
