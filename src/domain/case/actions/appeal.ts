// 申诉: within its window after closing, the reporter may appeal; the responsible platform grants it (the
// case reopens) or refuses it (the case closes for good).
import { err, ok } from '../../result.js';
import { endOfLimit, startClock } from '../clocks.js';
import { domainError, invalid, notAuthorised } from '../errors.js';
import { isOverseeingPlatform, isReporter, responsiblePlatform } from '../relations.js';
import type { ActionHandler } from '../transition.js';
import type { Case } from '../types.js';
import { missingText } from './guards.js';
import { reopenCase } from './reopen.js';

export const appealCase: ActionHandler<'appeal'> = (c, action, actor, ctx) => {
  // Staff of the platform may record an appeal made by phone or in person.
  if (!isReporter(c, actor) && !isOverseeingPlatform(c, actor)) return err(notAuthorised('appeal', 'reporter'));
  const missing = missingText('reason', action.reason);
  if (missing) return err(missing);
  if (c.appeal?.granted === false) return err(invalid('appeal', '申诉已被驳回，不能再次申诉'));
  const until = endOfLimit(c, ctx, 'appeal_window', c.closedAt ?? c.updatedAt);
  if (ctx.now.getTime() > until.getTime()) return err(domainError('APPEAL_WINDOW_CLOSED', { appealUntil: until }));
  const next: Case = {
    ...c,
    state: 'appealed',
    ownerOrgId: responsiblePlatform(c).orgId,
    appeal: { at: ctx.now, reason: action.reason },
  };
  return ok({ next: startClock(next, ctx, 'appeal_review') });
};

export const grantAppeal: ActionHandler<'grantAppeal'> = (c, _action, actor, ctx) => {
  if (!isOverseeingPlatform(c, actor) || !c.appeal) return err(notAuthorised('grantAppeal', 'platform'));
  const granted: Case = { ...c, appeal: { ...c.appeal, granted: true, decidedAt: ctx.now } };
  return ok({ next: reopenCase(granted, ctx) });
};

export const refuseAppeal: ActionHandler<'refuseAppeal'> = (c, action, actor, ctx) => {
  if (!isOverseeingPlatform(c, actor) || !c.appeal) return err(notAuthorised('refuseAppeal', 'platform'));
  const missing = missingText('reason', action.reason);
  if (missing) return err(missing);
  return ok({ next: { ...c, state: 'closed', appeal: { ...c.appeal, granted: false, decidedAt: ctx.now } } });
};
