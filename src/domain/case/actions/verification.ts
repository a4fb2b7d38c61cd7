// 核实: the platform sends the case's grid worker to check on site, and gets the case back with the finding.
import { err, ok } from '../../result.js';
import { startClock } from '../clocks.js';
import { invalid, notAuthorised } from '../errors.js';
import { actsFor, isOwner } from '../relations.js';
import type { ActionHandler } from '../transition.js';
import { missingText } from './guards.js';

export const assignVerification: ActionHandler<'assignVerification'> = (c, _action, actor, ctx) => {
  if (!isOwner(c, actor)) return err(notAuthorised('assignVerification', 'owner'));
  const gridOrgId = c.route.grid;
  if (gridOrgId === undefined) return err(invalid('route.grid', '案件未定位到网格，无法安排网格员核实'));
  const next = {
    ...c,
    state: 'verifying' as const,
    ownerOrgId: gridOrgId,
    verification: { gridOrgId, requestedByOrgId: c.ownerOrgId, requestedAt: ctx.now },
  };
  return ok({ next: startClock(next, ctx, 'verify') });
};

export const verifyCase: ActionHandler<'verify'> = (c, action, actor, ctx) => {
  const verification = c.verification;
  if (!verification || !actsFor(actor, verification.gridOrgId)) {
    return err(notAuthorised('verify', 'the grid asked to verify'));
  }
  const missing = missingText('notes', action.notes);
  if (missing) return err(missing);
  const found = { ...verification, finding: action.finding, verifiedAt: ctx.now };
  if (verification.onIntake) {
    // Nobody asked for this verification: a false alarm ends here, a confirmed event is accepted as is.
    if (action.finding === 'not_confirmed') {
      return ok({ next: { ...c, state: 'rejected' as const, verification: found, rejectionReason: action.notes } });
    }
    const accepted = { ...c, state: 'pending_dispatch' as const, ownerOrgId: verification.requestedByOrgId };
    return ok({ next: startClock(startClock({ ...accepted, verification: found }, ctx, 'dispatch'), ctx, 'reply') });
  }
  const next = {
    ...c,
    state: 'pending_dispatch' as const,
    ownerOrgId: verification.requestedByOrgId,
    verification: found,
  };
  return ok({ next: startClock(next, ctx, 'dispatch') });
};
