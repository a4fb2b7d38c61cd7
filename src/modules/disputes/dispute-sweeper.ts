// The dispute deadline sweeper: each clock that ran out (受理, 调解, or a supervision) puts its dispute under the
// next level up — the parent of the unit whose clock ran out: the handling platform's, the committee's, then the
// supervisor's — through the dispute machine; at the county the dispute is listed (挂牌) and no further clock
// runs. Claiming, warning and the several-process guarantees are the shared record-clock sweeper's
// (src/jobs/record-clock-sweeper.ts).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { applyDisputeAction, SYSTEM_DISPUTE_ACTOR } from '../../domain/dispute/index.js';
import { type RecordSweepResult, sweepRecordClocks } from '../../jobs/record-clock-sweeper.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import { loadDispute } from './act-on-dispute.js';
import { disputeContext } from './dispute-context.js';
import { persistDisputeOutcome } from './dispute-store.js';

const DISPUTE_CLOCKS = {
  clocks: 'dispute_deadlines',
  records: 'disputes',
  idColumn: 'dispute_id',
  warningKind: 'dispute_due_soon',
  warningTitle: (d: { number: string; title: string }) => `矛盾纠纷即将超期（${d.number} ${d.title}）`,
} as const;

export type DisputeSweepResult = RecordSweepResult;

export async function sweepDisputeDeadlines(
  db: Kysely<DB>,
  contexts: CaseContextProvider,
  onChanged: (disputeId: number) => void = () => {},
): Promise<DisputeSweepResult> {
  const ctx = await disputeContext(contexts);
  const { changed, ...result } = await sweepRecordClocks(db, DISPUTE_CLOCKS, ctx.now, async (trx, id, parentOrgId) => {
    const loaded = await loadDispute(trx, id, null, true);
    const { dispute } = loaded;
    const outcome = applyDisputeAction(
      dispute,
      { type: 'escalateOverdue', supervisorOrgId: parentOrgId },
      SYSTEM_DISPUTE_ACTOR,
      {
        ...ctx,
        now: new Date(Math.max(ctx.now.getTime(), dispute.updatedAt.getTime())),
      },
    );
    if (!outcome.ok) return false;
    await persistDisputeOutcome(trx, outcome.value, {
      id,
      number: loaded.number,
      title: loaded.title,
      unitIds: loaded.unitIds,
      applicantUserId: loaded.applicantUserId,
      actorUserId: null,
      actorOrgId: null,
      expectedVersion: dispute.version,
    });
    return true;
  });
  for (const id of changed) onChanged(id);
  return result;
}
