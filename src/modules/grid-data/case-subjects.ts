// The person, place or thing a case concerns: named on the case page (picked by search), listed on the
// record's page. Both ends must be visible to the principal: a case it sees, a record of its grids.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { assertCaseVisible } from '../cases/index.js';
import type { GridDataDeps } from './grid-data-deps.js';
import { recordsVisibleTo } from './grid-data-scope.js';

export const SUBJECT_KINDS = ['person', 'household', 'place', 'thing', 'organisation'] as const;

export async function caseSubjects(deps: GridDataDeps, principal: Principal, caseId: number) {
  await assertCaseVisible(deps.db, caseId, principal);
  const rows = await deps.db
    .selectFrom('case_subjects as s')
    .innerJoin('grid_records', 'grid_records.id', 's.record_id')
    .innerJoin('orgs as g', 'g.id', 'grid_records.grid_id')
    .select([
      'grid_records.id',
      'grid_records.kind',
      'grid_records.name',
      'grid_records.category',
      'g.name as grid_name',
      's.created_at',
    ])
    .where('s.case_id', '=', caseId)
    .where(recordsVisibleTo(principal))
    .orderBy('s.created_at')
    .execute();
  return {
    items: rows.map((r) => ({
      recordId: r.id,
      kind: r.kind,
      name: r.name,
      category: r.category,
      gridName: r.grid_name,
      at: new Date(r.created_at).toISOString(),
    })),
  };
}

export async function attachSubject(deps: GridDataDeps, principal: Principal, caseId: number, recordId: number) {
  await assertCaseVisible(deps.db, caseId, principal);
  const record = await deps.db
    .selectFrom('grid_records')
    .select(['id', 'kind'])
    .where('id', '=', recordId)
    .where(recordsVisibleTo(principal))
    .executeTakeFirst();
  if (!record) throw new AppError('GRID_RECORD_NOT_FOUND', { details: { recordId } });
  await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('case_subjects')
      .values({ case_id: caseId, record_id: recordId, created_by: principal.userId, created_at: deps.clock.now() })
      .onConflict((oc) => oc.doNothing())
      .returning('record_id')
      .executeTakeFirst();
    if (inserted) {
      await deps.audit.record(
        principal,
        {
          action: 'griddata.case.attach',
          targetType: 'case',
          targetId: caseId,
          details: { recordId, kind: record.kind },
        },
        trx,
      );
    }
  });
  return caseSubjects(deps, principal, caseId);
}

export async function detachSubject(deps: GridDataDeps, principal: Principal, caseId: number, recordId: number) {
  await assertCaseVisible(deps.db, caseId, principal);
  await deps.db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('case_subjects')
      .where('case_id', '=', caseId)
      .where('record_id', '=', recordId)
      .where('record_id', 'in', trx.selectFrom('grid_records').select('id').where(recordsVisibleTo(principal)))
      .executeTakeFirst();
    if (!Number(gone.numDeletedRows)) throw new AppError('GRID_RECORD_NOT_FOUND', { details: { recordId } });
    await deps.audit.record(
      principal,
      { action: 'griddata.case.detach', targetType: 'case', targetId: caseId, details: { recordId } },
      trx,
    );
  });
  return caseSubjects(deps, principal, caseId);
}
