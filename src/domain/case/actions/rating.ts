// 回访 / 评价: the platform calls the reporter back, or the reporter rates in the app. Unsatisfied reopens
// the case (重办) to whoever answered it, with a new clock.
import type { Result } from '../../result.js';
import { err, ok } from '../../result.js';
import type { CaseContext } from '../context.js';
import { type DomainError, invalid, notAuthorised } from '../errors.js';
import { isDispatcher, isOverseeingPlatform, isReporter } from '../relations.js';
import type { ActionHandler, Step } from '../transition.js';
import type { Case, Rating, RatingRecord } from '../types.js';
import { reopenCase } from './reopen.js';

function recordRating(c: Case, ctx: CaseContext, value: Rating, by: RatingRecord['by']): Result<Step, DomainError> {
  if (c.rating) return err(invalid('rating', '本次答复已评价'));
  const rated: Case = { ...c, rating: { value, at: ctx.now, by } };
  if (value !== 'unsatisfied') return ok({ next: rated });
  return ok({ next: reopenCase(rated, ctx), details: { reopened: true } });
}

export const recordCallback: ActionHandler<'callback'> = (c, action, actor, ctx) => {
  if (!isOverseeingPlatform(c, actor) && !isDispatcher(c, actor)) return err(notAuthorised('callback', 'platform'));
  return recordRating(c, ctx, action.rating, 'callback');
};

export const rateByCitizen: ActionHandler<'rate'> = (c, action, actor, ctx) => {
  if (!isReporter(c, actor)) return err(notAuthorised('rate', 'reporter'));
  return recordRating(c, ctx, action.rating, 'citizen');
};
