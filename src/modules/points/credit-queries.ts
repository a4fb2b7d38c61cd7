// 诚信户 reads: the candidates of a village for a year (each household's facts and the pure rule's verdict,
// for the committee's review), and the designated households of a village, a town or the county, also as
// the spreadsheet a rural bank's whole-village credit programme (整村授信) takes.
import { sql } from 'kysely';
import { type CreditGrade, creditVerdict } from '../../domain/points/index.js';
import type { Principal } from '../auth/principal.js';
import type { Sheet } from '../dashboards/xlsx.js';
import { type Db, inVillageScope, requireVillage } from './points-scope.js';
import { loadSettings } from './points-store.js';
import type { CreditCandidate, CreditHouseholdView } from './points-views.js';

/** Each household's facts for the year: points earned (no redemptions), open deductions, the village's debt record. */
export async function creditCandidates(
  db: Db,
  principal: Principal,
  villageId: number,
  year: number,
): Promise<CreditCandidate[]> {
  const village = await requireVillage(db, principal, villageId);
  const settings = await loadSettings(db, village.id);
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const { rows } = await sql<{
    id: number;
    door_no: string;
    head_name: string;
    members: number;
    overdue_debt: boolean;
    active: boolean;
    year_points: number;
    unresolved: number;
    credit_id: number | null;
    credit_grade: string | null;
    credit_revoked: boolean | null;
  }>`
    SELECT h.id, h.door_no, h.head_name, h.members, h.overdue_debt, h.active,
           coalesce((SELECT sum(e.points) FROM points_entries e
                     WHERE e.household_id = h.id AND e.kind <> 'redemption'
                       AND e.occurred_on >= ${from} AND e.occurred_on < ${to}), 0) AS year_points,
           (SELECT count(*) FROM points_requests r WHERE r.household_id = h.id AND r.state = 'pending' AND r.points < 0)
         + (SELECT count(*) FROM points_objections o WHERE o.household_id = h.id AND o.state = 'open') AS unresolved,
           c.id AS credit_id, c.grade AS credit_grade, c.revoked_at IS NOT NULL AS credit_revoked
    FROM points_households h
    LEFT JOIN points_credit_households c ON c.household_id = h.id AND c.year = ${year}
    WHERE h.village_id = ${village.id}
    ORDER BY year_points DESC, h.door_no`.execute(db);
  return rows.map((r) => {
    const facts = {
      yearPoints: Number(r.year_points),
      unresolvedDeductions: Number(r.unresolved),
      overdueDebt: r.overdue_debt,
      active: r.active,
    };
    return {
      household: { id: r.id, doorNo: r.door_no, headName: r.head_name, members: r.members },
      ...facts,
      ...creditVerdict(facts, settings),
      designated: r.credit_id
        ? { id: r.credit_id, grade: r.credit_grade as CreditGrade, revoked: !!r.credit_revoked }
        : null,
    };
  });
}

/** Designated households of the principal's villages for a year (one village when named). */
export async function creditHouseholds(
  db: Db,
  principal: Principal,
  query: { year: number; villageId?: number; includeRevoked?: boolean },
): Promise<CreditHouseholdView[]> {
  let q = db
    .selectFrom('points_credit_households as c')
    .innerJoin('points_households as h', 'h.id', 'c.household_id')
    .innerJoin('orgs as v', 'v.id', 'c.village_id')
    .leftJoin('orgs as t', 't.id', 'v.parent_id')
    .select([
      'c.id',
      'c.year',
      'c.grade',
      'c.year_points',
      'c.review_note',
      'c.reviewed_on',
      'c.created_at',
      'c.revoked_at',
      'c.revoke_reason',
      'h.id as household_id',
      'h.door_no',
      'h.head_name',
      'h.members',
      'v.id as village_id',
      'v.name as village_name',
      't.id as town_id',
      't.name as town_name',
    ])
    .where(inVillageScope(principal, 'c'))
    .where('c.year', '=', query.year);
  if (query.villageId !== undefined) q = q.where('c.village_id', '=', query.villageId);
  if (!query.includeRevoked) q = q.where('c.revoked_at', 'is', null);
  const rows = await q.orderBy('t.sort').orderBy('v.sort').orderBy('h.door_no').execute();
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    grade: r.grade as CreditGrade,
    yearPoints: r.year_points,
    household: { id: r.household_id, doorNo: r.door_no, headName: r.head_name, members: r.members },
    village: { id: r.village_id, name: r.village_name },
    town: r.town_id === null ? null : { id: r.town_id, name: r.town_name as string },
    reviewNote: r.review_note,
    reviewedOn: r.reviewed_on,
    designatedAt: r.created_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
    revokeReason: r.revoke_reason,
  }));
}

/** The list in the shape of a rural bank's whole-village credit programme (整村授信): household, head, village, grade. */
export function creditSheet(year: number, rows: CreditHouseholdView[]): Sheet {
  return {
    name: `${year}年诚信户`,
    title: `${year} 年度诚信户名单（整村授信）`,
    columns: [
      '序号',
      '乡镇（街道）',
      '村（社区）',
      '门牌号',
      '户主姓名',
      '家庭人口',
      '信用等级',
      '年度积分',
      '评定日期',
    ],
    rows: rows.map((r, i) => [
      i + 1,
      r.town?.name ?? '',
      r.village.name,
      r.household.doorNo,
      r.household.headName,
      r.household.members,
      r.grade,
      r.yearPoints,
      r.reviewedOn,
    ]),
  };
}
