// The rules of an exercise of a power, as plain functions of the procedure, the steps recorded so far and the
// day: which steps may be recorded next (the next step, or a later one when only optional steps lie between),
// what a recorded step must satisfy (in order, dated, not before a publicity period ends, a publicity at least
// as long as the procedure says), and where each step stands today — done, done late, overdue (missing) — on
// the holiday calendar.
import type { DayKey } from '../calendar/index.js';
import { err, ok, type Result } from '../result.js';
import { addWorkingDays, isDay, publicityEnd, workingDaysBetween } from './days.js';
import { type PowerDomainError, powerError } from './errors.js';
import type {
  DayCalendar,
  ExerciseFlags,
  ExerciseState,
  Procedure,
  RecordedStep,
  StepInput,
  StepStanding,
} from './types.js';

export interface ExerciseProgress {
  /** Set when no step may be recorded any more. */
  readonly ended: 'completed' | 'rejected' | null;
  /** Index in the procedure of the first step not yet reached. */
  readonly position: number;
  /** Keys that may be recorded next, in order: optional steps up to and including the next required one. */
  readonly allowed: readonly string[];
  /** The next required step (null once ended). */
  readonly expected: string | null;
}

/** Which steps may be recorded next. Throws if `recorded` does not follow the procedure (stored data broken). */
export function progressOf(procedure: Procedure, recorded: readonly RecordedStep[]): ExerciseProgress {
  let position = 0;
  for (const r of recorded) {
    const i = procedure.findIndex((s) => s.key === r.key);
    if (i < position) throw new Error(`recorded step ${r.key} does not follow the procedure`);
    position = i + 1;
  }
  const last = recorded[recorded.length - 1];
  if (last?.outcome === 'rejected') return { ended: 'rejected', position, allowed: [], expected: null };
  if (recorded.length > 0 && position >= procedure.length) {
    return { ended: 'completed', position, allowed: [], expected: null };
  }
  const allowed: string[] = [];
  let expected: string | null = null;
  for (let i = position; i < procedure.length; i++) {
    const step = procedure[i];
    if (!step) break;
    allowed.push(step.key);
    if (!step.optional) {
      expected = step.key;
      break;
    }
  }
  return { ended: null, position, allowed, expected };
}

export interface RecordContext {
  /** The day the exercise started (its first step's clock runs from it). */
  readonly startedOn: DayKey;
  /** Today in China. */
  readonly today: DayKey;
}

/** Checks a step a person records against the procedure; the step as it is stored, or the refusal. */
export function recordStep(
  procedure: Procedure,
  recorded: readonly RecordedStep[],
  input: StepInput,
  ctx: RecordContext,
): Result<RecordedStep, PowerDomainError> {
  const progress = progressOf(procedure, recorded);
  if (progress.ended) {
    return err(
      powerError(
        'POWER_EXERCISE_ENDED',
        progress.ended === 'completed' ? '该事项已办结，不能再记录步骤' : '该事项已被否决，不能再记录步骤',
        { state: progress.ended },
      ),
    );
  }
  const step = procedure.find((s) => s.key === input.key);
  if (!step) return err(powerError('POWER_STEP_UNKNOWN', '办理流程中没有这个步骤', { key: input.key }));
  if (!progress.allowed.includes(step.key)) {
    const expected = procedure.find((s) => s.key === progress.expected);
    const optional = progress.allowed.filter((k) => k !== progress.expected);
    return err(
      powerError(
        'POWER_STEP_OUT_OF_ORDER',
        `须按流程办理：下一步应为「${expected?.name ?? ''}」${optional.length ? '（或其前的可选步骤）' : ''}，不能记录「${step.name}」`,
        { key: step.key, expected: progress.expected, expectedName: expected?.name ?? null, allowed: progress.allowed },
      ),
    );
  }
  const last = recorded[recorded.length - 1];
  const dateError = (message: string) => err(powerError('POWER_STEP_DATE_INVALID', message, { doneOn: input.doneOn }));
  if (!isDay(input.doneOn)) return dateError('办理日期不是有效的日期（YYYY-MM-DD）');
  if (input.doneOn > ctx.today) return dateError('办理日期不能晚于今天');
  if (input.doneOn < ctx.startedOn) return dateError(`办理日期不能早于事项启动日期 ${ctx.startedOn}`);
  if (last && input.doneOn < last.doneOn) return dateError(`办理日期不能早于上一步的日期 ${last.doneOn}`);
  if (last?.publicityTo && input.doneOn <= last.publicityTo) {
    const lastName = procedure.find((s) => s.key === last.key)?.name ?? last.key;
    return err(
      powerError('POWER_PUBLICITY_NOT_OVER', `「${lastName}」公示至 ${last.publicityTo}，公示期满后方可办理下一步`, {
        publicityStep: last.key,
        publicityEnd: last.publicityTo,
      }),
    );
  }
  if (input.outcome === 'rejected' && !step.canReject) {
    return err(powerError('POWER_STEP_CANNOT_REJECT', `「${step.name}」不能作出否决`, { key: step.key }));
  }
  let publicityFrom: DayKey | null = null;
  let publicityTo: DayKey | null = null;
  if (step.publicityDays !== null && input.outcome === 'done') {
    publicityFrom = input.doneOn;
    const earliestEnd = publicityEnd(input.doneOn, step.publicityDays);
    publicityTo = input.publicityTo ?? earliestEnd;
    if (!isDay(publicityTo)) return dateError('公示截止日期不是有效的日期（YYYY-MM-DD）');
    if (publicityTo < earliestEnd) {
      return err(
        powerError(
          'POWER_PUBLICITY_TOO_SHORT',
          `「${step.name}」公示不少于 ${step.publicityDays} 天，截止日期不能早于 ${earliestEnd}`,
          { minDays: step.publicityDays, earliestEnd },
        ),
      );
    }
  }
  const documents = [...new Set(input.documents.map((d) => d.trim()).filter(Boolean))];
  return ok({ key: step.key, outcome: input.outcome, doneOn: input.doneOn, publicityFrom, publicityTo, documents });
}

/** Where each step of the procedure stands today (one entry per step, in procedure order). */
export function standingsOf(
  procedure: Procedure,
  recorded: readonly RecordedStep[],
  startedOn: DayKey,
  today: DayKey,
  calendar: DayCalendar,
): StepStanding[] {
  const byKey = new Map(recorded.map((r) => [r.key, r]));
  const lastIndex = recorded.length ? procedure.findIndex((s) => s.key === recorded[recorded.length - 1]?.key) : -1;
  const ended = recorded[recorded.length - 1]?.outcome === 'rejected';
  let clockFrom = startedOn;
  let windowOpen = true;
  return procedure.map((step, i) => {
    const r = byKey.get(step.key);
    const base = { key: step.key, doneOn: r?.doneOn ?? null, missingDocuments: [] as string[], daysLate: 0 };
    if (r) {
      const dueOn = step.limitDays ? addWorkingDays(calendar, clockFrom, step.limitDays) : null;
      const late = dueOn !== null && r.doneOn > dueOn;
      clockFrom = r.publicityTo ?? r.doneOn;
      return {
        ...base,
        status: r.outcome === 'rejected' ? 'rejected' : late ? 'done_late' : 'done',
        dueOn,
        daysLate: late && dueOn ? workingDaysBetween(calendar, dueOn, r.doneOn) : 0,
        missingDocuments: step.documents.filter((d) => !r.documents.includes(d)),
      };
    }
    if (i < lastIndex) return { ...base, status: 'skipped', dueOn: null };
    if (ended) return { ...base, status: 'closed', dueOn: null };
    if (!windowOpen) return { ...base, status: 'not_reached', dueOn: null };
    // the steps that may be recorded next: their clocks run from the end of the last recorded step
    if (!step.optional) windowOpen = false;
    const dueOn = step.limitDays ? addWorkingDays(calendar, clockFrom, step.limitDays) : null;
    const overdue = !step.optional && dueOn !== null && today > dueOn;
    return {
      ...base,
      status: overdue ? 'overdue' : 'due',
      dueOn,
      daysLate: overdue && dueOn ? workingDaysBetween(calendar, dueOn, today) : 0,
    };
  });
}

/** Late steps (done after their due day) and missing ones (overdue, or recorded without their documents). */
export function flagsOf(standings: readonly StepStanding[]): ExerciseFlags {
  const lateSteps = standings.filter((s) => s.status === 'done_late').map((s) => s.key);
  const missingSteps = standings
    .filter((s) => s.status === 'overdue' || s.missingDocuments.length > 0)
    .map((s) => s.key);
  return { late: lateSteps.length > 0, missing: missingSteps.length > 0, lateSteps, missingSteps };
}

/** The exercise's state today: ended, in a publicity period (its last step's notice still up), or in progress. */
export function exerciseStateOf(procedure: Procedure, recorded: readonly RecordedStep[], today: DayKey): ExerciseState {
  const { ended } = progressOf(procedure, recorded);
  if (ended) return ended;
  const last = recorded[recorded.length - 1];
  return last?.publicityTo && last.publicityTo >= today ? 'publicity' : 'in_progress';
}
