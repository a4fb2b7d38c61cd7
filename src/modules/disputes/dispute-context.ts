// What every dispute decision needs besides the dispute: the time and the working calendar (the same holiday
// table, office hours and cache as the cases' clocks) and the dispute limits (src/domain/dispute/time-limits.ts).
import { DISPUTE_LIMITS, type DisputeContext } from '../../domain/dispute/index.js';
import type { CaseContextProvider } from '../cases/case-context.js';

export async function disputeContext(contexts: CaseContextProvider): Promise<DisputeContext> {
  const { now, calendar } = await contexts.context();
  return { now, calendar, ...DISPUTE_LIMITS };
}
