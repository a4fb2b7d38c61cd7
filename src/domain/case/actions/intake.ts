// 受理 / 不予受理 / 即时办结: what the receiving platform does with a new case.
import { err, ok } from '../../result.js';
import { startClock } from '../clocks.js';
import { notAuthorised } from '../errors.js';
import { isOwner } from '../relations.js';
import type { ActionHandler } from '../transition.js';
import { missingText } from './guards.js';

/** Accepting puts the case before its level to handle, dispatch or report up, and starts the reply clock. */
export const acceptCase: ActionHandler<'accept'> = (c, _action, actor, ctx) => {
  if (!isOwner(c, actor)) return err(notAuthorised('accept', 'owner'));
  const accepted = startClock({ ...c, state: 'pending_dispatch' }, ctx, 'dispatch');
  return ok({ next: startClock(accepted, ctx, 'reply') });
};

/** Invalid reports are rejected with a reason, at intake or after verification. */
export const rejectCase: ActionHandler<'reject'> = (c, action, actor) => {
  if (!isOwner(c, actor)) return err(notAuthorised('reject', 'owner'));
  const missing = missingText('reason', action.reason);
  if (missing) return err(missing);
  return ok({ next: { ...c, state: 'rejected', rejectionReason: action.reason } });
};

/** A consultation answered at once is closed at intake (即时办结); it still counts as replied by that unit. */
export const closeOnTheSpot: ActionHandler<'closeOnTheSpot'> = (c, action, actor, ctx) => {
  if (!isOwner(c, actor)) return err(notAuthorised('closeOnTheSpot', 'owner'));
  const missing = missingText('answer', action.answer);
  if (missing) return err(missing);
  return ok({
    next: {
      ...c,
      state: 'closed',
      closedAt: ctx.now,
      reply: { at: ctx.now, byOrgId: c.ownerOrgId, level: c.level, viaDispatch: false },
    },
  });
};
