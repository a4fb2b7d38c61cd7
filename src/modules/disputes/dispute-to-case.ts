// A dispute becomes a case (转为案件): when what it needs is an administrative decision, a department's work or
// the case workflow's dispatch, the dispute's place, text and category 矛盾纠纷 open a walk-in case through the
// case service (the principal's own area rules apply). The dispute keeps the link (disputes.case_id), the case
// page finds its disputes by it; asking twice returns the same case (the client token is the dispute's).
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { CaseService } from '../cases/index.js';
import { loadDispute } from './act-on-dispute.js';

export interface DisputeToCaseDeps {
  db: Kysely<DB>;
  audit: AuditService;
  cases: CaseService;
}

export async function disputeToCase(
  deps: DisputeToCaseDeps,
  id: number,
  principal: Principal,
): Promise<{ caseId: number; created: boolean }> {
  await loadDispute(deps.db, id, principal);
  const row = await deps.db
    .selectFrom('disputes')
    .select(['number', 'title', 'description', 'grid_id', 'case_id', 'address'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  if (row.case_id !== null) {
    throw new AppError('DISPUTE_ALREADY_LINKED', { details: { caseId: Number(row.case_id) } });
  }
  if (row.grid_id === null) {
    throw new AppError('VALIDATION_FAILED', {
      message: '该纠纷未登记到网格，不能转为案件（案件按网格分派）',
      details: { field: 'gridId' },
    });
  }
  const category = await deps.db
    .selectFrom('categories')
    .select('id')
    .where('name', '=', '矛盾纠纷')
    .where('family', '=', 'governance')
    .executeTakeFirst();
  const created = await deps.cases.create(
    {
      channel: 'walk_in',
      title: row.title,
      body: `【矛盾纠纷 ${row.number} 转办】${row.title}。${row.description}`.slice(0, 5000),
      categoryId: category?.id ?? null,
      gridId: row.grid_id,
      address: row.address,
      reporter: { anonymous: true },
      clientToken: `dispute:${id}`,
      extra: { disputeId: id, disputeNumber: row.number },
    },
    principal,
  );
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('disputes')
      .set({ case_id: created.id })
      .where('id', '=', id)
      .where('case_id', 'is', null)
      .execute();
    await deps.audit.record(
      principal,
      { action: 'dispute.toCase', targetType: 'dispute', targetId: id, details: { caseId: created.id } },
      trx,
    );
  });
  return { caseId: created.id, created: created.created };
}
