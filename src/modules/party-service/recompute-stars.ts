// 物业亮星's monthly recompute: for each compound and month, the compound's cases (property-category cases in its
// grids, plus the cases linked to it by hand) reported in the month — time to first response (the first staff
// action after the report: signing for, handling, replying …), resolved (replied, closed, archived), rated and
// satisfied, repeats (reopened, or a reporter's second and later complaint of the month) — and its residents'
// ratings of the month, through the pure formula (src/domain/party-service/property-stars.ts). The job recomputes
// the month just ended once every compound has it; a platform may recompute any month by hand.
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { type CompoundMonthCounts, propertyStars } from '../../domain/party-service/index.js';
import type { Principal } from '../auth/principal.js';
import { inStaffVillages } from '../orgs/village-scope.js';
import type { Db, PartyServiceDeps } from './party-service-deps.js';
import { propertyCategoryIds } from './property-settings.js';

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month's bounds in China time: [start, end). */
export function monthBounds(month: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  // the first instant of a month in Beijing time; by setUTCFullYear, so years below 1000 and 9999-12's next month
  // are dates too (a date string with the year 322 or 10000 was an invalid Date: a 500, found by test/fuzz.test.ts)
  const firstOf = (year: number, monthIndex: number) => {
    const d = new Date(0);
    d.setUTCFullYear(year, monthIndex, 1);
    return new Date(d.getTime() - 8 * 3600_000);
  };
  return { start: firstOf(y, m - 1), end: firstOf(y, m) };
}

export function previousMonth(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

interface CompoundRow {
  id: number;
  company_id: number;
  grid_ids: number[];
}

export async function compoundMonthCounts(
  db: Db,
  compound: CompoundRow,
  month: string,
  categoryIds: readonly number[],
): Promise<CompoundMonthCounts> {
  const { start, end } = monthBounds(month);
  const grids = sql`${sql.val(compound.grid_ids)}::int[]`;
  const categories = sql`${sql.val(categoryIds.length ? [...categoryIds] : [-1])}::int[]`;
  const cases = await db
    .selectFrom('cases as c')
    .select([
      'c.id',
      'c.status',
      'c.satisfaction',
      'c.reopen_count',
      'c.reporter_phone_hash',
      'c.reporter_user_id',
      'c.reported_at',
      sql<Date | null>`(SELECT min(e.at) FROM case_events e WHERE e.case_id = c.id AND e.actor_kind = 'user' AND e.type NOT IN ('opened', 'amended'))`.as(
        'responded_at',
      ),
    ])
    .where('c.reported_at', '>=', start)
    .where('c.reported_at', '<', end)
    .where('c.status', 'not in', ['merged', 'rejected'])
    .where(
      sql<boolean>`((c.grid_id = ANY(${grids}) AND c.category_id = ANY(${categories})) OR c.id IN (SELECT l.case_id FROM property_case_links l WHERE l.compound_id = ${compound.id}))`,
    )
    .orderBy('c.reported_at')
    .execute();
  const seen = new Set<string>();
  let repeats = 0;
  for (const c of cases) {
    const who =
      c.reporter_user_id !== null
        ? `u${c.reporter_user_id}`
        : c.reporter_phone_hash // the phone's blind index: the phone itself is stored encrypted
          ? `p${c.reporter_phone_hash}`
          : null;
    const repeated = who !== null && seen.has(who);
    if (who) seen.add(who);
    if (repeated || c.reopen_count > 0) repeats++;
  }
  const ratings = await db
    .selectFrom('property_resident_ratings')
    .select('stars')
    .where('compound_id', '=', compound.id)
    .where('month', '=', month)
    .execute();
  return {
    cases: cases.length,
    responseHours: cases
      .filter((c) => c.responded_at !== null)
      .map((c) =>
        Math.max(0, (new Date(c.responded_at as Date).getTime() - new Date(c.reported_at).getTime()) / 3_600_000),
      ),
    resolved: cases.filter((c) => ['replied', 'closed', 'archived'].includes(c.status)).length,
    rated: cases.filter((c) => c.satisfaction !== null).length,
    satisfied: cases.filter((c) => c.satisfaction === 'satisfied' || c.satisfaction === 'basically_satisfied').length,
    repeats,
    residentStars: ratings.map((r) => r.stars),
  };
}

/** Computes and stores the month's rating of each compound given (replacing an earlier computation). */
export async function recomputeCompounds(
  db: Db,
  compounds: readonly CompoundRow[],
  month: string,
  now: Date,
): Promise<number> {
  const categoryIds = await propertyCategoryIds(db);
  for (const compound of compounds) {
    const rating = propertyStars(await compoundMonthCounts(db, compound, month, categoryIds));
    const metrics = JSON.stringify({ parts: rating.parts, figures: rating.figures });
    await db
      .insertInto('property_star_ratings')
      .values({
        compound_id: compound.id,
        month,
        company_id: compound.company_id,
        metrics,
        score: rating.score,
        stars: rating.stars,
        computed_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['compound_id', 'month']).doUpdateSet({
          company_id: compound.company_id,
          metrics,
          score: rating.score,
          stars: rating.stars,
          computed_at: now,
        }),
      )
      .execute();
  }
  return compounds.length;
}

/** The job's pass: the month just ended, for the compounds that do not have it yet (a few at a time). */
export async function recomputeEndedMonth(db: Db, now: Date): Promise<boolean> {
  const month = previousMonth(chinaDayOf(now));
  const due = await db
    .selectFrom('property_compounds as p')
    .select(['p.id', 'p.company_id', 'p.grid_ids'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('property_star_ratings as r')
            .select('r.month')
            .whereRef('r.compound_id', '=', 'p.id')
            .where('r.month', '=', month),
        ),
      ),
    )
    .orderBy('p.id')
    .limit(50)
    .execute();
  if (due.length === 0) return false;
  await recomputeCompounds(db, due, month, now);
  return due.length === 50;
}

/** A platform recomputes a month of the compounds in its scope (the month in progress included). */
export async function recomputeByHand(
  deps: PartyServiceDeps,
  principal: Principal,
  month: string,
): Promise<{ month: string; compounds: number }> {
  if (!MONTH_PATTERN.test(month))
    throw new AppError('VALIDATION_FAILED', { message: '月份格式应为 YYYY-MM', details: { field: 'month' } });
  const now = deps.clock.now();
  if (month > chinaDayOf(now).slice(0, 7)) {
    throw new AppError('VALIDATION_FAILED', { message: '不能计算尚未开始的月份', details: { field: 'month' } });
  }
  const compounds = await deps.db
    .selectFrom('property_compounds')
    .select(['id', 'company_id', 'grid_ids'])
    .where(inStaffVillages(principal, 'property_compounds'))
    .execute();
  const count = await recomputeCompounds(deps.db, compounds, month, now);
  await deps.audit.record(principal, {
    action: 'property.recompute',
    targetType: 'property_star_ratings',
    targetId: 0,
    details: { month, compounds: count },
  });
  return { month, compounds: count };
}
