// Rankings of a village's households for a month or a year (the pure rule: the day of the deed decides, a
// correction counts with its entry, redemptions do not count; equal scores share a rank), for the staff
// page, its spreadsheet and the village's public board (names as the village publishes them, nothing else).
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { parseRankingPeriod, rankByScore } from '../../domain/points/index.js';
import type { Principal } from '../auth/principal.js';
import type { Sheet } from '../dashboards/xlsx.js';
import { maskName } from '../home/home-service.js';
import { decided } from './points-errors.js';
import { type Db, requireVillage } from './points-scope.js';
import { loadSettings } from './points-store.js';
import type { RankingView } from './points-views.js';

async function rankVillage(
  db: Db,
  village: { id: number; name: string },
  period: string,
  /** null: the staff's view (names, door numbers, ids); otherwise the public board's names */
  board: null | 'masked' | 'full',
): Promise<RankingView> {
  const p = decided(parseRankingPeriod(period));
  const { rows } = await sql<{
    id: number;
    head_name: string;
    door_no: string;
    score: number;
    awards: number;
    deductions: number;
  }>`
    SELECT h.id, h.head_name, h.door_no,
           coalesce(sum(e.points), 0) AS score,
           coalesce(sum(e.points) FILTER (WHERE e.kind = 'award'), 0) AS awards,
           coalesce(sum(e.points) FILTER (WHERE e.kind = 'deduct'), 0) AS deductions
    FROM points_households h
    LEFT JOIN points_entries e ON e.household_id = h.id AND e.kind <> 'redemption'
                              AND e.occurred_on >= ${p.from} AND e.occurred_on < ${p.to}
    WHERE h.village_id = ${village.id} AND h.active
    GROUP BY h.id
    ORDER BY h.door_no`.execute(db);
  const ranked = rankByScore(rows.map((r) => ({ ...r, score: Number(r.score) })));
  return {
    village: { id: village.id, name: village.name },
    period: { kind: p.kind, key: p.key, label: p.label },
    rows: ranked.map(({ rank, row }) => ({
      rank,
      householdId: board ? null : row.id,
      household: `${board === 'masked' ? maskName(row.head_name) : row.head_name}户`,
      doorNo: board ? null : row.door_no,
      score: row.score,
      awards: Number(row.awards),
      deductions: Number(row.deductions),
    })),
  };
}

/** The staff's ranking: head names and door numbers. */
export async function villageRanking(
  db: Db,
  principal: Principal,
  villageId: number,
  period: string,
): Promise<RankingView> {
  const village = await requireVillage(db, principal, villageId);
  return rankVillage(db, village, period, null);
}

/** The public board: only a village that publishes it, names masked unless it publishes them in full. */
export async function publicBoard(db: Db, villageId: number, period: string): Promise<RankingView> {
  const village = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('id', '=', villageId)
    .where('kind', '=', 'village')
    .where('active', '=', true)
    .executeTakeFirst();
  const settings = village ? await loadSettings(db, village.id) : null;
  if (!village || !settings?.boardPublic) throw new AppError('ORG_NOT_FOUND', { message: '该村社区未公开积分榜' });
  return rankVillage(db, village, period, settings.boardFullNames ? 'full' : 'masked');
}

export function rankingSheet(view: RankingView): Sheet {
  return {
    name: `积分排名${view.period.key}`,
    title: `${view.village.name} ${view.period.label}文明积分排名`,
    columns: ['名次', '农户', '门牌号', '积分', '加分', '扣分'],
    rows: view.rows.map((r) => [r.rank, r.household, r.doorNo ?? '', r.score, r.awards, r.deductions]),
  };
}
