// 吹哨报到: the case's grid or village summons departments; each summoned unit must report for duty within
// its limit, and its check-in (with notes) shows on the case.
import { err, ok } from '../../result.js';
import { clockKey, startClock, stopClocks } from '../clocks.js';
import { invalid, notAuthorised } from '../errors.js';
import type { ActionHandler } from '../transition.js';
import type { Case, Whistle } from '../types.js';
import { duplicatesIn, missingText } from './guards.js';

export const blowWhistle: ActionHandler<'whistle'> = (c, action, actor, ctx) => {
  const mayWhistle =
    actor.kind === 'user' &&
    ((actor.orgLevel === 'grid' && actor.orgId === c.route.grid) ||
      (actor.orgLevel === 'village' && actor.orgId === c.route.village));
  if (!mayWhistle) return err(notAuthorised('whistle', "the case's grid or village"));
  const missing = missingText('reason', action.reason);
  if (missing) return err(missing);
  if (action.orgIds.length === 0) return err(invalid('orgIds', '至少召集一个单位'));
  if (duplicatesIn(action.orgIds).length > 0 || action.orgIds.some((id) => id.trim() === '' || id === actor.orgId)) {
    return err(invalid('orgIds', '召集单位不能为空、重复或为本单位'));
  }
  const whistle: Whistle = {
    id: `whistle-${c.version + 1}`,
    byOrgId: actor.orgId,
    at: ctx.now,
    reason: action.reason,
    summons: action.orgIds.map((orgId) => ({ orgId })),
  };
  let next: Case = { ...c, whistles: [...c.whistles, whistle] };
  for (const orgId of action.orgIds)
    next = startClock(next, ctx, 'check_in', clockKey('check_in', whistle.id, orgId), orgId);
  return ok({ next, details: { whistleId: whistle.id } });
};

export const checkIn: ActionHandler<'checkIn'> = (c, action, actor, ctx) => {
  const whistle = c.whistles.find((w) => w.id === action.whistleId);
  if (!whistle) return err(invalid('whistleId', '吹哨记录不存在'));
  const summons = actor.kind === 'user' ? whistle.summons.find((s) => s.orgId === actor.orgId) : undefined;
  if (!summons || actor.kind !== 'user') return err(notAuthorised('checkIn', 'summoned unit'));
  if (summons.checkedInAt) return err(invalid('checkIn', '本单位已报到'));
  const checked: Whistle = {
    ...whistle,
    summons: whistle.summons.map((s) => (s.orgId === actor.orgId ? { ...s, checkedInAt: ctx.now } : s)),
  };
  const next: Case = { ...c, whistles: c.whistles.map((w) => (w.id === whistle.id ? checked : w)) };
  return ok({ next: stopClocks(next, (d) => d.key === clockKey('check_in', whistle.id, actor.orgId)) });
};
