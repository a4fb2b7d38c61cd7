// Shared fixtures for the case tests: a real calendar, a time-limit table, one route and its people.
import { CHINA_2025, CHINA_2026 } from '../calendar/calendar-fixtures.js';
import { chinaTime, createWorkCalendar } from '../calendar/index.js';
import { applyCaseAction } from './apply-action.js';
import type { CaseContext } from './context.js';
import { type OpenCaseInput, openCase } from './open-case.js';
import { timeLimitTable } from './time-limits.js';
import type { Actor, Case, CaseAction, CaseOutcome, OrgLevel } from './types.js';

export const calendar = createWorkCalendar({ specialDays: [...CHINA_2025, ...CHINA_2026] });

export const timeLimits = timeLimitTable([
  { stage: 'accept', limit: { amount: 2, unit: 'working_hours', warnAtShare: 0.75 } },
  { stage: 'verify', limit: { amount: 1, unit: 'working_days', warnAtShare: 0.8 } },
  { stage: 'dispatch', limit: { amount: 4, unit: 'working_hours', warnAtShare: 0.75 } },
  { stage: 'sign_for', limit: { amount: 2, unit: 'working_hours', warnAtShare: 0.5 } },
  { stage: 'check_in', limit: { amount: 2, unit: 'natural_hours', warnAtShare: 0.5 } },
  { stage: 'handle', limit: { amount: 3, unit: 'working_days', warnAtShare: 0.8 } },
  { stage: 'handle', urgency: 'urgent', limit: { amount: 24, unit: 'natural_hours', warnAtShare: 0.75 } },
  { stage: 'reply', limit: { amount: 5, unit: 'working_days', warnAtShare: 0.8 } },
  { stage: 'reply', urgency: 'urgent', limit: { amount: 48, unit: 'natural_hours', warnAtShare: 0.75 } },
  { stage: 'callback', limit: { amount: 3, unit: 'working_days', warnAtShare: 0.8 } },
  { stage: 'appeal_review', limit: { amount: 5, unit: 'working_days', warnAtShare: 0.8 } },
  { stage: 'supervision', limit: { amount: 2, unit: 'working_days', warnAtShare: 0.5 } },
  { stage: 'appeal_window', limit: { amount: 15, unit: 'working_days', warnAtShare: 1 } },
]);

export const ROUTE = { grid: 'g-1', village: 'v-1', town: 't-1', county: 'c-1' } as const;
export const DEPT = { zhifa: 'd-zhifa', zhujian: 'd-zhujian', huanbao: 'd-huanbao' } as const;

const staff = (orgId: string, orgLevel: OrgLevel, role: string): Actor => ({
  kind: 'user',
  userId: `u-${orgId}`,
  role,
  orgId,
  orgLevel,
});

export const ACTORS = {
  gridWorker: staff(ROUTE.grid, 'grid', 'grid_worker'),
  village: staff(ROUTE.village, 'village', 'operator'),
  town: staff(ROUTE.town, 'town', 'operator'),
  county: staff(ROUTE.county, 'county', 'operator'),
  zhifa: staff(DEPT.zhifa, 'department', 'handler'),
  zhujian: staff(DEPT.zhujian, 'department', 'handler'),
  huanbao: staff(DEPT.huanbao, 'department', 'handler'),
  otherGrid: staff('g-2', 'grid', 'grid_worker'),
  otherTown: staff('t-2', 'town', 'operator'),
  reporter: { kind: 'citizen', citizenId: 'citizen-1' },
  stranger: { kind: 'citizen', citizenId: 'citizen-2' },
  system: { kind: 'system' },
} as const satisfies Record<string, Actor>;

export const ctxAt = (now: Date): CaseContext => ({ now, calendar, timeLimits });
export const at = (day: string, time: string) => chinaTime(day, time);

export function newCase(now: Date, overrides: Partial<OpenCaseInput> = {}): CaseOutcome {
  const opened = openCase(
    {
      id: 'case-1',
      categoryId: 'road',
      urgency: 'normal',
      source: 'citizen_app',
      reporter: { kind: 'citizen', citizenId: 'citizen-1' },
      route: ROUTE,
      intakeLevel: 'grid',
      ...overrides,
    },
    ACTORS.reporter,
    ctxAt(now),
  );
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

/** Applies steps that must all succeed; returns the final case and everything emitted on the way. */
export function run(
  start: Case,
  steps: ReadonlyArray<readonly [Date, Actor, CaseAction]>,
): {
  case: Case;
  outcomes: CaseOutcome[];
} {
  let current = start;
  const outcomes: CaseOutcome[] = [];
  for (const [now, actor, action] of steps) {
    const result = applyCaseAction(current, action, actor, ctxAt(now));
    if (!result.ok) {
      throw new Error(
        `${action.type} in ${current.state} failed: ${result.error.code} ${JSON.stringify(result.error.details)}`,
      );
    }
    outcomes.push(result.value);
    current = result.value.case;
  }
  return { case: current, outcomes };
}

/** China wall-clock rendering for readable assertions: 'YYYY-MM-DD HH:MM'. */
export function cst(d: Date | undefined): string | undefined {
  if (!d) return undefined;
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function due(c: Case, key: string): string | undefined {
  return cst(c.deadlines.find((d) => d.key === key)?.dueAt);
}
