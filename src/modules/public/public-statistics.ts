// The county's figures for the public page, from the rollups (0005_rollups.sql) as the dashboards read them:
// received and closed per month (the county's area cube), resolved and the satisfaction ratings (the units'
// facts, summed over the county), over the last twelve months, by month and by town. Counts only: nothing in
// them points at a person.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

const num = (v: unknown) => Number(v ?? 0);

export interface Figures {
  received: number;
  closed: number;
  resolved: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  /** (满意 + 基本满意) / all ratings; null without ratings. */
  satisfactionRate: number | null;
  /** closed / received; null when nothing was received. */
  closeRate: number | null;
}

export interface PublicStatistics {
  county: { code: string; name: string };
  /** The China day the figures were computed for, and the months they cover (YYYY-MM, oldest first). */
  asOf: string;
  from: string;
  to: string;
  totals: Figures;
  byMonth: (Figures & { month: string })[];
  byTown: (Figures & { townId: number; name: string })[];
}

/** The twelve months up to and including the month of `day` (YYYY-MM-DD). */
export function lastTwelveMonths(day: string): string[] {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const months: string[] = [];
  for (let k = 11; k >= 0; k--) {
    const index = year * 12 + (month - 1) - k;
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

function figures(row: Partial<Record<string, unknown>> | undefined): Figures {
  const received = num(row?.received);
  const closed = num(row?.closed);
  const satisfied = num(row?.satisfied);
  const basicallySatisfied = num(row?.basically_satisfied);
  const unsatisfied = num(row?.unsatisfied);
  const rated = satisfied + basicallySatisfied + unsatisfied;
  return {
    received,
    closed,
    resolved: num(row?.resolved),
    satisfied,
    basicallySatisfied,
    unsatisfied,
    satisfactionRate: rated ? Math.round(((satisfied + basicallySatisfied) / rated) * 1000) / 1000 : null,
    closeRate: received ? Math.round((closed / received) * 1000) / 1000 : null,
  };
}

const MONTH = sql<string>`to_char(day, 'YYYY-MM')`;

export async function computeStatistics(
  db: Kysely<DB>,
  county: { id: number; code: string; name: string },
  today: string,
): Promise<PublicStatistics> {
  const months = lastTwelveMonths(today);
  const from = `${months[0]}-01`;
  const towns = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('county_code', '=', county.code)
    .where('kind', '=', 'town')
    .where('active', '=', true)
    .orderBy('code')
    .execute();
  const areaRows = await db
    .selectFrom('rollup_area_day')
    .select([
      'area_id',
      MONTH.as('month'),
      sql<number>`sum(received)`.as('received'),
      sql<number>`sum(closed)`.as('closed'),
    ])
    .where('area_id', 'in', [county.id, ...towns.map((t) => t.id)])
    .where('dim', '=', 'all')
    .where('day', '>=', from)
    .where('day', '<=', today)
    .groupBy(['area_id', sql`2`])
    .execute();
  const unitRows = await db
    .selectFrom('rollup_unit_day')
    .select([
      'town_id',
      MONTH.as('month'),
      sql<number>`sum(resolved)`.as('resolved'),
      sql<number>`sum(satisfied)`.as('satisfied'),
      sql<number>`sum(basically_satisfied)`.as('basically_satisfied'),
      sql<number>`sum(unsatisfied)`.as('unsatisfied'),
    ])
    .where('county_code', '=', county.code)
    .where('day', '>=', from)
    .where('day', '<=', today)
    .groupBy(['town_id', sql`2`])
    .execute();

  const sum = (rows: Record<string, unknown>[]) => {
    const out: Record<string, number> = {};
    for (const r of rows)
      for (const [k, v] of Object.entries(r))
        if (k !== 'month' && k !== 'area_id' && k !== 'town_id') out[k] = (out[k] ?? 0) + num(v);
    return out;
  };
  const countyArea = areaRows.filter((r) => r.area_id === county.id);
  const byMonth = months.map((month) => ({
    month,
    ...figures(sum([...countyArea.filter((r) => r.month === month), ...unitRows.filter((r) => r.month === month)])),
  }));
  const byTown = towns.map((t) => ({
    townId: t.id,
    name: t.name,
    ...figures(sum([...areaRows.filter((r) => r.area_id === t.id), ...unitRows.filter((r) => r.town_id === t.id)])),
  }));
  return {
    county: { code: county.code, name: county.name },
    asOf: today,
    from: months[0] ?? today.slice(0, 7),
    to: months[months.length - 1] ?? today.slice(0, 7),
    totals: figures(sum([...countyArea, ...unitRows])),
    byMonth,
    byTown,
  };
}
