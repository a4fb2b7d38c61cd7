// 反馈: the answer to the citizen, from the lead unit, from the platform that handled the case itself, or
// from the grid that solved a small matter on the spot (网格办小事). The callback clock starts.
import type { Result } from '../../result.js';
import { err, ok } from '../../result.js';
import { startClock, stopClocks } from '../clocks.js';
import type { CaseContext } from '../context.js';
import { type DomainError, domainError, notAuthorised } from '../errors.js';
import { actsFor, isLeadUnit, isOwner, responsiblePlatform } from '../relations.js';
import type { ActionHandler, Step } from '../transition.js';
import type { Case, ReplyRecord } from '../types.js';
import { missingText } from './guards.js';

function giveReply(c: Case, ctx: CaseContext, reply: ReplyRecord): Result<Step, DomainError> {
  const replied: Case = {
    ...c,
    state: 'replied',
    reply,
    rating: undefined,
    // The platform answerable at the case's level calls back and closes.
    ownerOrgId: responsiblePlatform(c).orgId,
    extensions: c.extensions.map((x) => (x.status === 'pending' ? { ...x, status: 'lapsed', decidedAt: ctx.now } : x)),
  };
  // The supervised matter is answered: its clock stops (the supervision record stays for assessment).
  const next = startClock(
    stopClocks(replied, (d) => d.kind === 'supervision'),
    ctx,
    'callback',
  );
  return ok({ next });
}

export const replyToCitizen: ActionHandler<'reply'> = (c, action, actor, ctx) => {
  const missing = missingText('content', action.content);
  if (missing) return err(missing);
  if (c.state === 'handling') {
    if (!isLeadUnit(c, actor) || actor.kind !== 'user') return err(notAuthorised('reply', 'lead unit'));
    return giveReply(c, ctx, { at: ctx.now, byOrgId: actor.orgId, level: c.level, viaDispatch: true });
  }
  if (!isOwner(c, actor) || actor.kind !== 'user') return err(notAuthorised('reply', 'owner'));
  if (c.level === 'grid')
    return err(domainError('ACTION_NOT_ALLOWED_AT_LEVEL', { level: c.level, use: 'handleAtGrid' }));
  return giveReply(c, ctx, { at: ctx.now, byOrgId: actor.orgId, level: c.level, viaDispatch: false });
};

/** 网格办小事: the grid solves it, either holding the case itself or while verifying it on site. */
export const handleAtGrid: ActionHandler<'handleAtGrid'> = (c, action, actor, ctx) => {
  const missing = missingText('notes', action.notes);
  if (missing) return err(missing);
  const gridOrgId = c.state === 'verifying' ? c.verification?.gridOrgId : c.ownerOrgId;
  if (c.state === 'pending_dispatch' && c.level !== 'grid') {
    return err(domainError('ACTION_NOT_ALLOWED_AT_LEVEL', { level: c.level, needs: 'grid' }));
  }
  if (!actsFor(actor, gridOrgId) || gridOrgId === undefined) return err(notAuthorised('handleAtGrid', 'the grid'));
  return giveReply(c, ctx, { at: ctx.now, byOrgId: gridOrgId, level: 'grid', viaDispatch: false });
};
