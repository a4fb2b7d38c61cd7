import { describe, expect, it } from 'vitest';
import { CHINA_2026 } from '../calendar/calendar-fixtures.js';
import { createWorkCalendar } from '../calendar/index.js';
import {
  addWorkingDays,
  COUNTY_POWER_TEMPLATE,
  exerciseStateOf,
  flagsOf,
  type Procedure,
  type ProcedureStep,
  progressOf,
  type RecordedStep,
  recordStep,
  type StepInput,
  standingsOf,
  validateProcedure,
} from './index.js';

const calendar = createWorkCalendar({ specialDays: CHINA_2026 });
const assets = COUNTY_POWER_TEMPLATE.find((t) => t.name === '集体资产处置')?.steps as Procedure;
const seal = COUNTY_POWER_TEMPLATE.find((t) => t.name === '用章管理')?.steps as Procedure;

const done = (key: string, doneOn: string, extra: Partial<RecordedStep> = {}): RecordedStep => ({
  key,
  outcome: 'done',
  doneOn,
  publicityFrom: null,
  publicityTo: null,
  documents: [],
  ...extra,
});
const input = (key: string, doneOn: string, extra: Partial<StepInput> = {}): StepInput => ({
  key,
  outcome: 'done',
  doneOn,
  documents: [],
  ...extra,
});
const ctx = { startedOn: '2026-03-02', today: '2026-06-30' };

/** Records each input in turn, failing the test on a refusal. */
function play(procedure: Procedure, inputs: StepInput[]): RecordedStep[] {
  const recorded: RecordedStep[] = [];
  for (const i of inputs) {
    const r = recordStep(procedure, recorded, i, ctx);
    if (!r.ok) throw new Error(`${i.key}: ${r.error.message}`);
    recorded.push(r.value);
  }
  return recorded;
}

describe('the county template', () => {
  it.each(COUNTY_POWER_TEMPLATE.map((t) => [t.name, t.steps] as const))('%s is a valid procedure', (_name, steps) => {
    expect(validateProcedure(steps)).toEqual({ ok: true, value: undefined });
  });
  it('集体资产处置 follows 四议两公开', () => {
    expect(assets.map((s) => s.name)).toEqual([
      '村党组织提议',
      '村两委商议',
      '党员大会审议',
      '村民代表会议决议',
      '决议公开',
      '镇街审核',
      '组织实施',
      '结果公开',
    ]);
  });
});

describe('a procedure is well formed', () => {
  const s = (over: Partial<ProcedureStep> = {}): ProcedureStep => ({
    key: 'a',
    name: '步骤',
    actor: 'village_committee',
    documents: [],
    publicityDays: null,
    limitDays: 5,
    optional: false,
    canReject: false,
    ...over,
  });
  it.each([
    ['no steps', []],
    ['duplicate keys', [s(), s()]],
    ['a bad key', [s({ key: 'Step 1' })]],
    ['a blank name', [s({ name: ' ' })]],
    ['an unknown actor', [s({ actor: 'mayor' as never })]],
    ['publicity of 0 days', [s({ publicityDays: 0 })]],
    ['a limit of 91 days', [s({ limitDays: 91 })]],
    ['an optional last step', [s(), s({ key: 'b', optional: true })]],
  ])('refuses %s', (_name, steps) => {
    expect(validateProcedure(steps as Procedure)).toMatchObject({
      ok: false,
      error: { code: 'POWER_PROCEDURE_INVALID' },
    });
  });
});

describe('the next allowed step', () => {
  it.each([
    ['nothing recorded', [], ['proposal'], 'proposal'],
    ['after the proposal', ['proposal'], ['consult'], 'consult'],
    // 镇街审核 is optional: 组织实施 may follow 决议公开 directly
    [
      'after the publicity of the resolution',
      ['proposal', 'consult', 'party_review', 'resolution', 'resolution_publicity'],
      ['town_review', 'implement'],
      'implement',
    ],
  ])('%s', (_name, keys, allowed, expected) => {
    const recorded = (keys as string[]).map((k) => done(k, '2026-03-02'));
    expect(progressOf(assets, recorded)).toMatchObject({ ended: null, allowed, expected });
  });
  it('ends after the last step, or after a 否决', () => {
    expect(
      progressOf(
        seal,
        ['request', 'approval', 'seal', 'archive'].map((k) => done(k, '2026-03-02')),
      ).ended,
    ).toBe('completed');
    expect(
      progressOf(seal, [done('request', '2026-03-02'), done('approval', '2026-03-02', { outcome: 'rejected' })]),
    ).toMatchObject({ ended: 'rejected', allowed: [] });
  });
});

describe('recording a step', () => {
  const four = play(assets, [
    input('proposal', '2026-03-02'),
    input('consult', '2026-03-04'),
    input('party_review', '2026-03-10'),
    input('resolution', '2026-03-16'),
  ]);
  it('refuses a step out of order with the code naming the expected step', () => {
    const r = recordStep(assets, [], input('resolution', '2026-03-03'), ctx);
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'POWER_STEP_OUT_OF_ORDER',
        details: { key: 'resolution', expected: 'proposal', expectedName: '村党组织提议', allowed: ['proposal'] },
      },
    });
    // a step already recorded is out of order too
    expect(recordStep(assets, four, input('consult', '2026-03-20'), ctx)).toMatchObject({
      ok: false,
      error: { code: 'POWER_STEP_OUT_OF_ORDER', details: { expected: 'resolution_publicity' } },
    });
  });
  it('refuses an unknown step, a step of an ended exercise, a 否决 where none is possible', () => {
    expect(recordStep(assets, [], input('vote', '2026-03-03'), ctx)).toMatchObject({
      error: { code: 'POWER_STEP_UNKNOWN' },
    });
    const rejected = play(seal, [
      input('request', '2026-03-02'),
      input('approval', '2026-03-03', { outcome: 'rejected' }),
    ]);
    expect(recordStep(seal, rejected, input('seal', '2026-03-04'), ctx)).toMatchObject({
      error: { code: 'POWER_EXERCISE_ENDED', details: { state: 'rejected' } },
    });
    expect(recordStep(assets, [], input('proposal', '2026-03-03', { outcome: 'rejected' }), ctx)).toMatchObject({
      error: { code: 'POWER_STEP_CANNOT_REJECT' },
    });
  });
  it.each([
    ['not a date', '2026-02-30'],
    ['in the future', '2026-07-01'],
    ['before the start', '2026-03-01'],
    ['before the step before', '2026-03-15'],
  ])('refuses a date %s', (_name, day) => {
    expect(recordStep(assets, four, input('resolution_publicity', day), ctx)).toMatchObject({
      ok: false,
      error: { code: 'POWER_STEP_DATE_INVALID' },
    });
  });
  it('computes the publicity end and refuses the next step before it', () => {
    const r = recordStep(assets, four, input('resolution_publicity', '2026-03-17'), ctx);
    expect(r).toMatchObject({ ok: true, value: { publicityFrom: '2026-03-17', publicityTo: '2026-03-21' } });
    const withPublicity = [...four, r.ok ? r.value : (null as never)];
    for (const day of ['2026-03-17', '2026-03-21']) {
      expect(recordStep(assets, withPublicity, input('implement', day), ctx)).toMatchObject({
        ok: false,
        error: {
          code: 'POWER_PUBLICITY_NOT_OVER',
          details: { publicityStep: 'resolution_publicity', publicityEnd: '2026-03-21' },
        },
      });
    }
    // the day after the last day of publicity
    expect(recordStep(assets, withPublicity, input('implement', '2026-03-22'), ctx).ok).toBe(true);
    // and not while today is still within it
    expect(
      recordStep(assets, withPublicity, input('implement', '2026-03-20'), { ...ctx, today: '2026-03-20' }),
    ).toMatchObject({ error: { code: 'POWER_PUBLICITY_NOT_OVER' } });
  });
  it('refuses a publicity shorter than the procedure says, keeps a longer one', () => {
    expect(
      recordStep(assets, four, input('resolution_publicity', '2026-03-17', { publicityTo: '2026-03-20' }), ctx),
    ).toMatchObject({
      error: { code: 'POWER_PUBLICITY_TOO_SHORT', details: { minDays: 5, earliestEnd: '2026-03-21' } },
    });
    expect(
      recordStep(assets, four, input('resolution_publicity', '2026-03-17', { publicityTo: '2026-03-27' }), ctx),
    ).toMatchObject({ ok: true, value: { publicityTo: '2026-03-27' } });
  });
});

describe('lateness on the holiday calendar', () => {
  it('counts working days: 5 working days from 2026-04-30 end on 2026-05-11 (劳动节 off, Saturday 05-09 a 调休 working day)', () => {
    // 05-01..05-05 holiday, 05-09 (Saturday) a working day
    expect(addWorkingDays(calendar, '2026-04-30', 5)).toBe('2026-05-11');
    expect(addWorkingDays(calendar, '2026-04-30', 1)).toBe('2026-05-06');
    expect(addWorkingDays(calendar, '2026-04-30', 4)).toBe('2026-05-09');
  });
  it('classifies done, late, skipped, overdue and not reached steps', () => {
    const recorded = play(assets, [
      input('proposal', '2026-04-30', { documents: ['提议书'] }), // 5 working days from 04-28: 05-08
      input('consult', '2026-05-12', { documents: ['两委会议记录'] }), // 5 wd from 04-30 → 05-11: late by 1
      input('party_review', '2026-05-13', { documents: ['党员大会记录'] }), // missing 签到表
    ]);
    const standings = standingsOf(assets, recorded, '2026-04-28', '2026-06-01', calendar);
    expect(standings.map((s) => [s.key, s.status, s.dueOn, s.daysLate])).toEqual([
      ['proposal', 'done', '2026-05-08', 0],
      ['consult', 'done_late', '2026-05-11', 1],
      ['party_review', 'done', '2026-05-26', 0],
      ['resolution', 'overdue', '2026-05-27', 3],
      ['resolution_publicity', 'not_reached', null, 0],
      ['town_review', 'not_reached', null, 0],
      ['implement', 'not_reached', null, 0],
      ['result_publicity', 'not_reached', null, 0],
    ]);
    expect(standings[2]?.missingDocuments).toEqual(['签到表']);
    expect(flagsOf(standings)).toEqual({
      late: true,
      missing: true,
      lateSteps: ['consult'],
      missingSteps: ['party_review', 'resolution'],
    });
  });
  it('runs the next clock from the end of a publicity, and marks a passed-over optional step skipped', () => {
    const recorded = play(assets, [
      ...['proposal', 'consult', 'party_review', 'resolution'].map((k, i) => input(k, `2026-03-0${2 + i}`)),
      input('resolution_publicity', '2026-03-06'),
    ]);
    const inPublicity = standingsOf(assets, recorded, '2026-03-02', '2026-03-09', calendar);
    expect(exerciseStateOf(assets, recorded, '2026-03-09')).toBe('publicity');
    // publicity 03-06..03-10; optional 镇街审核 and 组织实施 may come next, their clocks from 03-10
    expect(inPublicity.slice(5).map((s) => [s.key, s.status, s.dueOn])).toEqual([
      ['town_review', 'due', '2026-03-17'],
      ['implement', 'due', '2026-04-22'],
      ['result_publicity', 'not_reached', null],
    ]);
    recorded.push(done('implement', '2026-03-20'));
    const after = standingsOf(assets, recorded, '2026-03-02', '2026-03-25', calendar);
    expect(after.find((s) => s.key === 'town_review')?.status).toBe('skipped');
    expect(exerciseStateOf(assets, recorded, '2026-03-25')).toBe('in_progress');
    expect(flagsOf(after).late).toBe(false);
  });
  it('an optional step past its due day is not missing; steps after a 否决 are closed', () => {
    const rejected = play(seal, [
      input('request', '2026-03-02'),
      input('approval', '2026-03-03', { outcome: 'rejected' }),
    ]);
    const s = standingsOf(seal, rejected, '2026-03-02', '2026-06-01', calendar);
    expect(s.map((x) => x.status)).toEqual(['done', 'rejected', 'closed', 'closed', 'closed']);
    expect(exerciseStateOf(seal, rejected, '2026-06-01')).toBe('rejected');
  });
});
