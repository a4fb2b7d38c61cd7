// 上报: a level that cannot settle the case hands it to the level above (grid → village → town → county).
import { err, ok } from '../../result.js';
import { startClock } from '../clocks.js';
import { domainError, notAuthorised } from '../errors.js';
import { isOwner, levelAbove } from '../relations.js';
import type { ActionHandler } from '../transition.js';
import { missingText } from './guards.js';

export const reportUp: ActionHandler<'reportUp'> = (c, action, actor, ctx) => {
  if (!isOwner(c, actor)) return err(notAuthorised('reportUp', 'owner'));
  const missing = missingText('reason', action.reason);
  if (missing) return err(missing);
  const above = levelAbove(c.level);
  if (above === undefined)
    return err(domainError('ACTION_NOT_ALLOWED_AT_LEVEL', { level: c.level, reason: '县级为最高层级' }));
  const next = { ...c, level: above, ownerOrgId: c.route[above] ?? c.route.county };
  // The new level gets its own time to decide.
  return ok({ next: startClock(next, ctx, 'dispatch'), details: { fromLevel: c.level, toLevel: above } });
};
