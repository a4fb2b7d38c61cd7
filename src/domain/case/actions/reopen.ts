// 重办: an unsatisfied rating or a granted appeal sends the case back to whoever answered it, on a new clock.
import { startClock } from '../clocks.js';
import type { CaseContext } from '../context.js';
import type { Case } from '../types.js';

export function reopenCase(c: Case, ctx: CaseContext): Case {
  const base: Case = { ...c, reopenCount: c.reopenCount + 1, reply: undefined, closedAt: undefined };
  if (c.reply?.viaDispatch && c.dispatch) {
    const handling: Case = { ...base, state: 'handling', ownerOrgId: c.dispatch.lead.orgId, level: c.dispatch.byLevel };
    return startClock(startClock(handling, ctx, 'handle'), ctx, 'reply');
  }
  const level = c.reply?.level ?? c.level;
  const pending: Case = {
    ...base,
    state: 'pending_dispatch',
    level,
    ownerOrgId: c.reply?.byOrgId ?? c.route[level] ?? c.ownerOrgId,
  };
  return startClock(startClock(pending, ctx, 'dispatch'), ctx, 'reply');
}
