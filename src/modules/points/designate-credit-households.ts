// Designates a village's credit households (诚信户) for a year after the village committee's review: the
// committee's record (its date and its note) and the households it approved, each of which must qualify
// by the pure rule at this moment (points, no unresolved deduction, no overdue debt); a household already
// designated for the year is left as it is. Rows and audit entry in one transaction.
import { AppError } from '../../core/errors.js';
import { chinaDayOf, parseDayKey } from '../../domain/calendar/china-time.js';
import type { Principal } from '../auth/principal.js';
import { creditCandidates } from './credit-queries.js';
import type { PointsDeps } from './points-deps.js';
import { requireVillage } from './points-scope.js';

export interface DesignateInput {
  villageId: number;
  year: number;
  householdIds: number[];
  reviewNote: string;
  /** the day of the committee's review, 'YYYY-MM-DD' */
  reviewedOn: string;
}

export async function designateCreditHouseholds(
  deps: PointsDeps,
  principal: Principal,
  input: DesignateInput,
): Promise<{ designated: number; skipped: number[] }> {
  const village = await requireVillage(deps.db, principal, input.villageId);
  const now = deps.clock.now();
  const today = chinaDayOf(now);
  const thisYear = Number(today.slice(0, 4));
  if (input.year !== thisYear && input.year !== thisYear - 1) {
    throw new AppError('VALIDATION_FAILED', {
      message: `只能评定 ${thisYear - 1} 或 ${thisYear} 年度的诚信户`,
      details: { field: 'year' },
    });
  }
  const reviewNote = input.reviewNote.trim();
  if (!reviewNote) {
    throw new AppError('VALIDATION_FAILED', {
      message: '请填写村委会评议情况（会议及意见）',
      details: { field: 'reviewNote' },
    });
  }
  if (parseDayKey(input.reviewedOn) === undefined || input.reviewedOn > today) {
    throw new AppError('VALIDATION_FAILED', {
      message: '评议日期须为今天或之前的有效日期',
      details: { field: 'reviewedOn' },
    });
  }
  const ids = [...new Set(input.householdIds)];
  if (ids.length === 0)
    throw new AppError('VALIDATION_FAILED', { message: '请选择评议通过的农户', details: { field: 'householdIds' } });
  const candidates = new Map(
    (await creditCandidates(deps.db, principal, village.id, input.year)).map((c) => [c.household.id, c]),
  );
  const unknown = ids.filter((id) => !candidates.has(id));
  if (unknown.length > 0) throw new AppError('POINTS_HOUSEHOLD_NOT_FOUND', { details: { householdIds: unknown } });
  const refused = ids
    .map((id) => candidates.get(id))
    .filter((c) => c && !c.eligible && !c.designated)
    .map((c) => ({ householdId: c?.household.id, doorNo: c?.household.doorNo, reasons: c?.reasons }));
  if (refused.length > 0) {
    const first = refused[0];
    throw new AppError('POINTS_NOT_ELIGIBLE', {
      message: `${first?.doorNo} 不符合诚信户条件：${first?.reasons?.join('；')}${refused.length > 1 ? `（另有 ${refused.length - 1} 户）` : ''}`,
      details: { refused },
    });
  }
  const skipped = ids.filter((id) => candidates.get(id)?.designated);
  const chosen = ids.filter((id) => !candidates.get(id)?.designated);
  await deps.db.transaction().execute(async (trx) => {
    if (chosen.length > 0) {
      await trx
        .insertInto('points_credit_households')
        .values(
          chosen.map((id) => {
            const c = candidates.get(id) as NonNullable<ReturnType<typeof candidates.get>>;
            return {
              county_code: village.countyCode,
              village_id: village.id,
              household_id: id,
              year: input.year,
              grade: c.grade as string,
              year_points: c.yearPoints,
              review_note: reviewNote,
              reviewed_on: input.reviewedOn,
              designated_by_user_id: principal.userId,
              created_at: now,
            };
          }),
        )
        .onConflict((oc) => oc.columns(['household_id', 'year']).doNothing())
        .execute();
    }
    await deps.audit.record(
      principal,
      {
        action: 'points.credit.designate',
        targetType: 'org',
        targetId: village.id,
        details: { year: input.year, householdIds: chosen, reviewedOn: input.reviewedOn },
      },
      trx,
    );
  });
  return { designated: chosen.length, skipped };
}
