// Starting, stopping, pausing and moving a case's clocks, and turning a before/after pair of clock lists into
// the DeadlineChanges the deadline store applies.
import type { DurationUnit } from '../calendar/index.js';
import { clocksAllowedIn } from './allowed-actions.js';
import type { CaseContext } from './context.js';
import type { TimeLimitStage } from './time-limits.js';
import type { Case, Deadline, DeadlineChange, DeadlineKind } from './types.js';

export function clockKey(kind: DeadlineKind, ...parts: string[]): string {
  return [kind, ...parts].join(':');
}

export function isLive(deadline: Deadline): boolean {
  return deadline.pausedAt === undefined;
}

export function liveDeadlines(c: Case): Deadline[] {
  return c.deadlines.filter(isLive);
}

function withDeadlines(c: Case, deadlines: readonly Deadline[]): Case {
  return { ...c, deadlines };
}

export function endOfLimit(c: Case, ctx: CaseContext, stage: TimeLimitStage, from: Date): Date {
  const limit = ctx.timeLimits({ categoryId: c.categoryId, urgency: c.urgency, stage });
  return ctx.calendar.addDuration(from, limit.amount, limit.unit);
}

/**
 * Starts (or restarts) a clock now, with the limit the policy gives for this case and stage. Clocks belong to
 * the case's owner unless an organisation is named (per-unit sign-for and check-in clocks).
 */
export function startClock(
  c: Case,
  ctx: CaseContext,
  kind: DeadlineKind,
  key: string = kind,
  orgId: string = c.ownerOrgId,
): Case {
  const limit = ctx.timeLimits({ categoryId: c.categoryId, urgency: c.urgency, stage: kind });
  const dueAt = ctx.calendar.addDuration(ctx.now, limit.amount, limit.unit);
  const deadline: Deadline = {
    kind,
    key,
    orgId,
    startedAt: ctx.now,
    dueAt,
    warnAt: ctx.calendar.pointAtShare(ctx.now, dueAt, limit.warnAtShare, limit.unit),
    unit: limit.unit,
    warnAtShare: limit.warnAtShare,
  };
  return withDeadlines(c, [...c.deadlines.filter((d) => d.key !== key), deadline]);
}

export function stopClocks(c: Case, which: (deadline: Deadline) => boolean): Case {
  return withDeadlines(
    c,
    c.deadlines.filter((d) => !which(d)),
  );
}

/** Drops every clock the case's (new) state does not allow. */
export function settleClocks(c: Case): Case {
  const allowed = clocksAllowedIn(c.state);
  return stopClocks(c, (d) => !allowed.includes(d.kind));
}

function moveDue(d: Deadline, ctx: CaseContext, dueAt: Date): Deadline {
  return { ...d, dueAt, warnAt: ctx.calendar.pointAtShare(d.startedAt, dueAt, d.warnAtShare, d.unit) };
}

/** Moves one clock's deadline later by an approved extension; the yellow point is recomputed on the longer limit. */
export function extendClock(c: Case, ctx: CaseContext, key: string, amount: number, unit: DurationUnit): Case {
  return withDeadlines(
    c,
    c.deadlines.map((d) => (d.key === key ? moveDue(d, ctx, ctx.calendar.addDuration(d.dueAt, amount, unit)) : d)),
  );
}

export function pauseClocks(c: Case, at: Date): Case {
  return withDeadlines(
    c,
    c.deadlines.map((d) => (isLive(d) ? { ...d, pausedAt: at } : d)),
  );
}

/** Restarts paused clocks: each deadline moves by the working time its pause covered. */
export function resumeClocks(c: Case, ctx: CaseContext): Case {
  return withDeadlines(
    c,
    c.deadlines.map((d) => {
      if (d.pausedAt === undefined) return d;
      const { pausedAt, ...running } = d;
      const shift = (at: Date) => ctx.calendar.extendBySuspension(at, pausedAt, ctx.now, d.unit);
      // A warning already given before the pause stays given.
      return { ...running, dueAt: shift(d.dueAt), warnAt: d.warnAt <= pausedAt ? d.warnAt : shift(d.warnAt) };
    }),
  );
}

/** The changes that turn the live clocks of `before` into those of `after`. */
export function deadlineChanges(before: Case, after: Case): DeadlineChange[] {
  const previous = new Map(liveDeadlines(before).map((d) => [d.key, d]));
  const current = new Map(liveDeadlines(after).map((d) => [d.key, d]));
  const changes: DeadlineChange[] = [];
  for (const [key, d] of previous) {
    if (!current.has(key)) changes.push({ op: 'clear', caseId: after.id, kind: d.kind, key });
  }
  for (const [key, d] of current) {
    const old = previous.get(key);
    const same =
      old !== undefined &&
      old.dueAt.getTime() === d.dueAt.getTime() &&
      old.warnAt.getTime() === d.warnAt.getTime() &&
      old.orgId === d.orgId;
    if (!same) {
      changes.push({
        op: 'set',
        caseId: after.id,
        kind: d.kind,
        key,
        orgId: d.orgId,
        dueAt: d.dueAt,
        warnAt: d.warnAt,
      });
    }
  }
  return changes;
}
