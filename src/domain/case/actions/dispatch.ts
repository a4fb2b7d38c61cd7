// 派遣 / 签收 / 退单: a platform sends the case to one lead unit and optional assisting units; each signs for
// it within its limit; the lead may send a wrongly dispatched case back to the dispatcher.
import { err, ok } from '../../result.js';
import { clockKey, startClock, stopClocks } from '../clocks.js';
import { domainError, invalid, notAuthorised } from '../errors.js';
import { isLeadUnit, isOwner } from '../relations.js';
import type { ActionHandler } from '../transition.js';
import type { Case, UnitAssignment } from '../types.js';
import { duplicatesIn, missingText } from './guards.js';

export const dispatchCase: ActionHandler<'dispatch'> = (c, action, actor, ctx) => {
  if (!isOwner(c, actor) || actor.kind !== 'user') return err(notAuthorised('dispatch', 'owner'));
  if (c.level === 'grid') return err(domainError('ACTION_NOT_ALLOWED_AT_LEVEL', { level: c.level, use: 'reportUp' }));
  const assisting = action.assistingOrgIds ?? [];
  const units = [action.leadOrgId, ...assisting];
  if (units.some((id) => id.trim() === '')) return err(invalid('leadOrgId', '承办单位不能为空'));
  if (duplicatesIn(units).length > 0) return err(invalid('assistingOrgIds', '主办、协办单位不能重复'));
  let next: Case = {
    ...c,
    state: 'dispatched',
    ownerOrgId: action.leadOrgId,
    dispatch: {
      byOrgId: actor.orgId,
      byLevel: c.level,
      at: ctx.now,
      lead: { orgId: action.leadOrgId },
      assisting: assisting.map((orgId) => ({ orgId })),
    },
  };
  for (const orgId of units) next = startClock(next, ctx, 'sign_for', clockKey('sign_for', orgId), orgId);
  return ok({ next });
};

export const signForCase: ActionHandler<'signFor'> = (c, _action, actor, ctx) => {
  const dispatch = c.dispatch;
  if (!dispatch || actor.kind !== 'user') return err(notAuthorised('signFor', 'dispatched unit'));
  const sign = (unit: UnitAssignment) => (unit.orgId === actor.orgId ? { ...unit, signedAt: ctx.now } : unit);
  const unit = [dispatch.lead, ...dispatch.assisting].find((u) => u.orgId === actor.orgId);
  if (!unit) return err(notAuthorised('signFor', 'dispatched unit'));
  if (unit.signedAt) return err(invalid('signFor', '本单位已签收'));
  const signed: Case = stopClocks(
    { ...c, dispatch: { ...dispatch, lead: sign(dispatch.lead), assisting: dispatch.assisting.map(sign) } },
    (d) => d.key === clockKey('sign_for', actor.orgId),
  );
  if (unit !== dispatch.lead) return ok({ next: signed, details: { role: 'assisting' } });
  return ok({ next: startClock({ ...signed, state: 'handling' }, ctx, 'handle'), details: { role: 'lead' } });
};

export const returnCase: ActionHandler<'returnCase'> = (c, action, actor, ctx) => {
  const dispatch = c.dispatch;
  if (!dispatch || !isLeadUnit(c, actor)) return err(notAuthorised('returnCase', 'lead unit'));
  const missing = missingText('reason', action.reason);
  if (missing) return err(missing);
  const next: Case = {
    ...c,
    state: 'pending_dispatch',
    level: dispatch.byLevel,
    ownerOrgId: dispatch.byOrgId,
    dispatch: undefined,
    returnCount: c.returnCount + 1,
  };
  return ok({ next: startClock(next, ctx, 'dispatch'), details: { returnedTo: dispatch.byOrgId } });
};
