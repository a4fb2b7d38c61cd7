// 督办 / 催办 / 超期升级: a higher level flags the case with its own deadline, urges it, or — when a clock runs
// out — the system puts it under supervision one level up: village → town → county (the seed's chain); at
// the top the county supervises, then lists it (挂牌督办).
import { err, ok } from '../../result.js';
import { isLive, startClock } from '../clocks.js';
import { domainError, invalid, notAuthorised } from '../errors.js';
import { higherLevel, isSystem, levelAbove, levelRank, platformLevelOf } from '../relations.js';
import type { ActionHandler } from '../transition.js';
import type { Actor, Case, CaseLevel } from '../types.js';
import { missingText } from './guards.js';

/** A platform of the case's route at or above its level that is not the one holding the case. */
function supervisingLevel(c: Case, actor: Actor): CaseLevel | undefined {
  const level = platformLevelOf(c, actor);
  if (level === undefined || level === 'grid' || levelRank(level) < levelRank(c.level)) return undefined;
  return actor.kind === 'user' && actor.orgId !== c.ownerOrgId ? level : undefined;
}

export const superviseCase: ActionHandler<'supervise'> = (c, action, actor, ctx) => {
  const level = supervisingLevel(c, actor);
  if (level === undefined || actor.kind !== 'user') return err(notAuthorised('supervise', 'higher platform'));
  const missing = missingText('reason', action.reason);
  if (missing) return err(missing);
  if (c.supervision && levelRank(c.supervision.level) > levelRank(level)) {
    return err(invalid('supervise', '案件已由更高层级督办'));
  }
  const supervision = {
    level,
    byOrgId: actor.orgId,
    since: ctx.now,
    reason: action.reason,
    listed: (action.listed ?? false) || (c.supervision?.listed ?? false),
    automatic: false,
  };
  return ok({ next: startClock({ ...c, supervision }, ctx, 'supervision') });
};

export const urgeCase: ActionHandler<'urge'> = (c, action, actor) => {
  if (supervisingLevel(c, actor) === undefined) return err(notAuthorised('urge', 'higher platform'));
  const missing = missingText('message', action.message);
  if (missing) return err(missing);
  return ok({ next: { ...c, urgeCount: c.urgeCount + 1 } });
};

export const escalateOverdue: ActionHandler<'escalateOverdue'> = (c, action, actor, ctx) => {
  if (!isSystem(actor)) return err(notAuthorised('escalateOverdue', 'system'));
  const overdue = c.deadlines.find((d) => d.key === action.deadlineKey);
  if (!overdue || !isLive(overdue) || overdue.escalatedAt || overdue.dueAt.getTime() > ctx.now.getTime()) {
    return err(domainError('DEADLINE_NOT_OVERDUE', { deadlineKey: action.deadlineKey }));
  }
  // One level above whoever holds or already supervises the case; a county case is first supervised by the
  // county platform itself, and listed when it runs out again.
  const current = c.supervision;
  const above = levelAbove(current ? higherLevel(c.level, current.level) : c.level);
  const level = above ?? 'county';
  const supervision = {
    level,
    byOrgId: c.route[level] ?? c.route.county,
    since: ctx.now,
    reason: `${overdue.kind} overdue`,
    listed: (current?.listed ?? false) || (current !== undefined && above === undefined),
    automatic: true,
  };
  const marked: Case = {
    ...c,
    supervision,
    deadlines: c.deadlines.map((d) => (d.key === overdue.key ? { ...d, escalatedAt: ctx.now } : d)),
  };
  return ok({
    next: startClock(marked, ctx, 'supervision'),
    details: { overdueKind: overdue.kind, dueAt: overdue.dueAt, supervisedBy: level, listed: supervision.listed },
  });
};
