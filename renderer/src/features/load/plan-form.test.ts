import { describe, expect, it } from 'vitest';
import { DEFAULT_DRAFT, planFromDraft, scheduleFromDraft, type PlanContext, type PlanDraft } from './plan-form';

const unary: PlanContext = { request: { method: 'demo.Demo/Echo', body: '{}', metadata: [] }, streaming: false };
const draft = (edit: Partial<PlanDraft>): PlanDraft => ({ ...DEFAULT_DRAFT, ...edit });

function planOf(edit: Partial<PlanDraft>, context = unary) {
  const result = planFromDraft(draft(edit), context);
  if (!('plan' in result)) throw new Error(`expected a plan, got ${JSON.stringify(result.errors)}`);
  return result.plan;
}
function errorsOf(edit: Partial<PlanDraft>, context = unary) {
  const result = planFromDraft(draft(edit), context);
  if (!('errors' in result)) throw new Error(`expected errors, got ${JSON.stringify(result.plan)}`);
  return result.errors;
}

describe('the Load form turned into a plan', () => {
  it('takes calls, duration in seconds, concurrency and connections as typed', () => {
    expect(planOf({ calls: '500', durationSeconds: '2.5', concurrency: '20', connections: '4' })).toMatchObject({
      calls: 500,
      durationMs: 2500,
      concurrency: 20,
      connections: 4,
      thresholds: [],
    });
  });

  it('names the field and what was typed when a number is wrong', () => {
    expect(errorsOf({ concurrency: 'ten' }).concurrency).toBe(
      "The concurrency must be a whole number of at least 1, not 'ten'",
    );
    expect(errorsOf({ calls: '', durationSeconds: '' }).calls).toMatch(/number of calls, a duration, or both/);
  });

  it('passes on the contract schema’s own message on its field (connections beyond concurrency)', () => {
    expect(errorsOf({ concurrency: '2', connections: '3' }).connections).toMatch(
      /connections cannot exceed concurrency/,
    );
  });

  it('builds each schedule with its parameters, in milliseconds where the contract wants them', () => {
    expect(planOf({ rate: 'const', rps: '250' }).schedule).toEqual({ kind: 'const', rps: 250 });
    expect(
      planOf({ rate: 'step', rampStart: '10', rampStep: '5', rampEnd: '50', stepSeconds: '2', rampMaxSeconds: '' })
        .schedule,
    ).toEqual({ kind: 'step', start: 10, step: 5, end: 50, stepDurationMs: 2000 });
    expect(
      planOf({ rate: 'line', rampStart: '100', rampStep: '-10', rampEnd: '', rampMaxSeconds: '5' }).schedule,
    ).toEqual({
      kind: 'line',
      start: 100,
      step: -10,
      maxDurationMs: 5000,
    });
    expect(errorsOf({ rate: 'line', rampStep: '0' }).rampStep).toMatch(/other than 0/);
  });

  it('gives streams messages per stream and their interval, and unary calls neither', () => {
    const streaming = { ...unary, streaming: true };
    expect(planOf({ streamMessages: '25', streamIntervalMs: '10' }, streaming).stream).toEqual({
      messages: 25,
      intervalMs: 10,
    });
    expect(planOf({ streamMessages: '25' }).stream).toBeUndefined();
  });

  it('takes a warm-up in calls or seconds, a data file and thresholds one per line', () => {
    const plan = planOf({
      warmup: 'duration',
      warmupValue: '1.5',
      dataPath: ' users.csv ',
      dataPick: 'random',
      thresholds: 'p99<200ms\n\n  errors<1% ',
    });
    expect(plan).toMatchObject({
      warmup: { durationMs: 1500 },
      data: { path: 'users.csv', pick: 'random' },
      thresholds: ['p99<200ms', 'errors<1%'],
    });
    expect(planOf({ warmup: 'calls', warmupValue: '100' }).warmup).toEqual({ calls: 100 });
    expect(errorsOf({ warmup: 'calls', warmupValue: '' }).warmupValue).toBe('Enter the warm-up calls');
  });

  it('uses the tab’s deadline for each call when it has one', () => {
    expect(planOf({}, { ...unary, deadlineMs: 3000 }).deadlineMs).toBe(3000);
  });

  it('gives the schedule for its preview from the rate fields alone, other fields wrong or not', () => {
    const wrongElsewhere = draft({ rate: 'const', rps: '40', concurrency: '2', connections: '3' });
    expect('errors' in planFromDraft(wrongElsewhere, unary)).toBe(true);
    expect(scheduleFromDraft(wrongElsewhere)).toEqual({ kind: 'const', rps: 40 });
    expect(scheduleFromDraft(draft({ rate: 'const', rps: 'fast' }))).toBeUndefined();
    expect(scheduleFromDraft(draft({ rate: 'none' }))).toBeUndefined();
  });
});
