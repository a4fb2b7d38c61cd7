// 挂起 / 恢复: while waiting on a court or another authority the case's clocks stop; on resuming, each
// deadline moves by the working time the pause covered.
import { err, ok } from '../../result.js';
import { pauseClocks, resumeClocks } from '../clocks.js';
import { notAuthorised } from '../errors.js';
import { isDispatcher, isLeadUnit } from '../relations.js';
import type { ActionHandler } from '../transition.js';
import type { Actor, Case } from '../types.js';
import { missingText } from './guards.js';

const mayPause = (c: Case, actor: Actor) => isLeadUnit(c, actor) || isDispatcher(c, actor);

export const suspendCase: ActionHandler<'suspend'> = (c, action, actor, ctx) => {
  if (!mayPause(c, actor) || actor.kind !== 'user') return err(notAuthorised('suspend', 'lead unit or dispatcher'));
  const missing = missingText('reason', action.reason);
  if (missing) return err(missing);
  const next: Case = {
    ...pauseClocks(c, ctx.now),
    state: 'suspended',
    suspension: { since: ctx.now, byOrgId: actor.orgId, reason: action.reason },
  };
  return ok({ next });
};

export const resumeCase: ActionHandler<'resume'> = (c, _action, actor, ctx) => {
  if (!mayPause(c, actor)) return err(notAuthorised('resume', 'lead unit or dispatcher'));
  const next: Case = { ...resumeClocks(c, ctx), state: 'handling', suspension: undefined };
  return ok({ next, details: { suspendedSince: c.suspension?.since } });
};
