// A village's settings: the approval threshold, the objection window, the credit grades' points and the
// public board. Guarded by the version the page saw.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { DEFAULT_POINTS_SETTINGS, type PointsSettings } from '../../domain/points/index.js';
import type { Principal } from '../auth/principal.js';
import type { PointsDeps } from './points-deps.js';
import { requireVillage } from './points-scope.js';

/** The village's settings row, created with the defaults when it has none yet (in the caller's transaction). */
export async function settingsRow(trx: Transaction<DB>, villageId: number, countyCode: string, now: Date) {
  const d = DEFAULT_POINTS_SETTINGS;
  await trx
    .insertInto('points_settings')
    .values({
      village_id: villageId,
      county_code: countyCode,
      approval_threshold: d.approvalThreshold,
      objection_days: d.objectionDays,
      credit_grade_a: d.creditGradeA,
      credit_grade_aa: d.creditGradeAA,
      credit_grade_aaa: d.creditGradeAAA,
      board_public: d.boardPublic,
      board_full_names: d.boardFullNames,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('village_id').doNothing())
    .execute();
  return trx
    .selectFrom('points_settings')
    .selectAll()
    .where('village_id', '=', villageId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function updateSettings(
  deps: PointsDeps,
  principal: Principal,
  villageId: number,
  input: Partial<PointsSettings> & { version: number },
): Promise<void> {
  const village = await requireVillage(deps.db, principal, villageId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await settingsRow(trx, village.id, village.countyCode, now);
    // a village that never saved has version 1 on the page as well
    if (row.version !== input.version) {
      throw new AppError('POINTS_VERSION_CONFLICT', { details: { villageId, version: row.version } });
    }
    const next = {
      approval_threshold: input.approvalThreshold ?? row.approval_threshold,
      objection_days: input.objectionDays ?? row.objection_days,
      credit_grade_a: input.creditGradeA ?? row.credit_grade_a,
      credit_grade_aa: input.creditGradeAA ?? row.credit_grade_aa,
      credit_grade_aaa: input.creditGradeAAA ?? row.credit_grade_aaa,
      board_public: input.boardPublic ?? row.board_public,
      board_full_names: input.boardFullNames ?? row.board_full_names,
    };
    if (!(next.credit_grade_a <= next.credit_grade_aa && next.credit_grade_aa <= next.credit_grade_aaa)) {
      throw new AppError('VALIDATION_FAILED', {
        message: '诚信户等级分值须满足 A ≤ AA ≤ AAA',
        details: { field: 'creditGradeA' },
      });
    }
    await trx
      .updateTable('points_settings')
      .set({ ...next, version: row.version + 1, updated_at: now })
      .where('village_id', '=', village.id)
      .execute();
    await deps.audit.record(
      principal,
      { action: 'points.settings.update', targetType: 'org', targetId: village.id, details: next },
      trx,
    );
  });
}
