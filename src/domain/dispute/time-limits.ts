// The time limits of a dispute, on the same working calendar as the cases' clocks:
// - 受理 within 3 working days of registration (the end of office hours of the 3rd working day after);
// - mediation concluded within 30 days of acceptance. People's mediation counts this in calendar days
//   (《人民调解工作若干规定》: "一般在一个月内调结"), so it is 30 × 24 natural hours: a holiday does not stop it;
// - one extension, with a reason, of at most 30 more days;
// - an overdue dispute is supervised by the next level up, which has 2 working days before it climbs again.
import type { DurationUnit, WorkCalendar } from '../calendar/index.js';
import type { DisputeClock } from './types.js';

export interface Limit {
  readonly amount: number;
  readonly unit: DurationUnit;
}

export interface DisputeContext {
  readonly now: Date;
  readonly calendar: WorkCalendar;
  readonly acceptLimit: Limit;
  readonly mediationDays: number;
  readonly maxExtensionDays: number;
  readonly supervisionLimit: Limit;
  /** Share of a clock after which it turns yellow (0..1). */
  readonly warnShare: number;
}

export const DISPUTE_LIMITS = {
  acceptLimit: { amount: 3, unit: 'working_days' },
  mediationDays: 30,
  maxExtensionDays: 30,
  supervisionLimit: { amount: 2, unit: 'working_days' },
  warnShare: 0.75,
} as const satisfies Omit<DisputeContext, 'now' | 'calendar'>;

const DAY_HOURS = 24;

/** The mediation limit from an instant: N natural days. */
export function mediationDue(ctx: DisputeContext, from: Date, days = ctx.mediationDays): Date {
  return ctx.calendar.addDuration(from, days * DAY_HOURS, 'natural_hours');
}

/** A clock from now to dueAt, yellow at the configured share of the time between (counted in its unit). */
export function clockUntil(
  ctx: DisputeContext,
  kind: DisputeClock['kind'],
  orgId: number,
  dueAt: Date,
  unit: DurationUnit,
): DisputeClock {
  const warnAt = dueAt > ctx.now ? ctx.calendar.pointAtShare(ctx.now, dueAt, ctx.warnShare, unit) : dueAt;
  return { kind, orgId, startedAt: ctx.now, dueAt, warnAt, unit };
}

/** A clock of `limit` from now. */
export function clockFor(ctx: DisputeContext, kind: DisputeClock['kind'], orgId: number, limit: Limit): DisputeClock {
  return clockUntil(ctx, kind, orgId, ctx.calendar.addDuration(ctx.now, limit.amount, limit.unit), limit.unit);
}
