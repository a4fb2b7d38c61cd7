// 延期: the lead unit asks for more time; the dispatching level decides. Approval moves the handling clock
// and, with it, the reply clock (the citizen's answer comes later by the same amount).
import { err, ok } from '../../result.js';
import { extendClock } from '../clocks.js';
import { type DomainError, invalid, notAuthorised } from '../errors.js';
import { isDispatcher, isLeadUnit } from '../relations.js';
import type { ActionHandler } from '../transition.js';
import type { Case, ExtensionRequest } from '../types.js';
import { missingText } from './guards.js';

export const requestExtension: ActionHandler<'requestExtension'> = (c, action, actor, ctx) => {
  if (!isLeadUnit(c, actor) || actor.kind !== 'user') return err(notAuthorised('requestExtension', 'lead unit'));
  const missing = missingText('reason', action.reason);
  if (missing) return err(missing);
  if (!(Number.isFinite(action.amount) && action.amount > 0)) return err(invalid('amount', '延期时长须大于 0'));
  if (c.extensions.some((x) => x.status === 'pending')) return err(invalid('requestExtension', '已有待审批的延期申请'));
  const handleClock = c.deadlines.find((d) => d.kind === 'handle');
  const request: ExtensionRequest = {
    id: `ext-${c.version + 1}`,
    byOrgId: actor.orgId,
    at: ctx.now,
    amount: action.amount,
    unit: action.unit ?? handleClock?.unit ?? 'working_days',
    reason: action.reason,
    status: 'pending',
  };
  return ok({ next: { ...c, extensions: [...c.extensions, request] }, details: { requestId: request.id } });
};

function pendingRequest(c: Case, requestId: string): ExtensionRequest | DomainError {
  const request = c.extensions.find((x) => x.id === requestId);
  if (!request) return invalid('requestId', '延期申请不存在');
  if (request.status !== 'pending') return invalid('requestId', '该延期申请已处理');
  return request;
}

function decide(c: Case, request: ExtensionRequest, status: 'approved' | 'refused', at: Date): Case {
  return {
    ...c,
    extensions: c.extensions.map((x) => (x.id === request.id ? { ...x, status, decidedAt: at } : x)),
  };
}

export const approveExtension: ActionHandler<'approveExtension'> = (c, action, actor, ctx) => {
  if (!isDispatcher(c, actor)) return err(notAuthorised('approveExtension', 'dispatcher'));
  const request = pendingRequest(c, action.requestId);
  if ('code' in request) return err(request);
  let next = decide(c, request, 'approved', ctx.now);
  for (const kind of ['handle', 'reply'] as const) next = extendClock(next, ctx, kind, request.amount, request.unit);
  return ok({ next, details: { handleDueAt: next.deadlines.find((d) => d.kind === 'handle')?.dueAt } });
};

export const refuseExtension: ActionHandler<'refuseExtension'> = (c, action, actor, ctx) => {
  if (!isDispatcher(c, actor)) return err(notAuthorised('refuseExtension', 'dispatcher'));
  const missing = missingText('reason', action.reason);
  if (missing) return err(missing);
  const request = pendingRequest(c, action.requestId);
  if ('code' in request) return err(request);
  return ok({ next: decide(c, request, 'refused', ctx.now) });
};
