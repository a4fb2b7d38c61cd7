// 办结 / 归档: a replied case closes once the reporter is (basically) satisfied or the callback window has
// passed unanswered; a closed case is archived once it can no longer be appealed.
import { err, ok } from '../../result.js';
import { endOfLimit } from '../clocks.js';
import { domainError, notAuthorised } from '../errors.js';
import { isDispatcher, isOverseeingPlatform, isSystem } from '../relations.js';
import type { ActionHandler } from '../transition.js';

export const closeCase: ActionHandler<'close'> = (c, _action, actor, ctx) => {
  if (!isSystem(actor) && !isOverseeingPlatform(c, actor) && !isDispatcher(c, actor)) {
    return err(notAuthorised('close', 'platform or system'));
  }
  const satisfied = c.rating !== undefined && c.rating.value !== 'unsatisfied';
  const callback = c.deadlines.find((d) => d.kind === 'callback');
  const windowPassed = callback !== undefined && callback.dueAt.getTime() <= ctx.now.getTime();
  if (!satisfied && !windowPassed) return err(domainError('CALLBACK_PENDING', { callbackDueAt: callback?.dueAt }));
  return ok({ next: { ...c, state: 'closed', closedAt: ctx.now }, details: { by: satisfied ? 'rating' : 'window' } });
};

export const archiveCase: ActionHandler<'archive'> = (c, _action, actor, ctx) => {
  if (!isSystem(actor) && !isOverseeingPlatform(c, actor)) return err(notAuthorised('archive', 'platform or system'));
  const appealFinal = c.appeal?.granted === false;
  const appealUntil = endOfLimit(c, ctx, 'appeal_window', c.closedAt ?? c.updatedAt);
  if (!appealFinal && ctx.now.getTime() < appealUntil.getTime()) {
    return err(domainError('APPEAL_WINDOW_OPEN', { appealUntil }));
  }
  return ok({ next: { ...c, state: 'archived' } });
};
