// Reads of 物业亮星: the county's companies, the compounds in scope with their latest stars, one compound's months
// (figures and parts of the formula) and history, the residents' phone list (with their own rating of the month),
// and the public board per compound (no sign-in; figures only, never a case or a person).

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { STAR_WEIGHTS, type StarRating } from '../../domain/party-service/index.js';
import type { Principal } from '../auth/principal.js';
import { inStaffVillages } from '../orgs/village-scope.js';
import { type HistoryEntry, historyOf } from '../record-history/index.js';
import type { Db } from './party-service-deps.js';
import type { CompoundMonthView, CompoundView, PublicCompoundView } from './party-service-views.js';

type Metrics = { parts: StarRating['parts']; figures: StarRating['figures'] };
const metricsOf = (m: unknown): Metrics => (typeof m === 'string' ? JSON.parse(m) : m) as Metrics;

export async function companies(db: Db, principal: Principal) {
  const rows = await db
    .selectFrom('property_companies as c')
    .select([
      'c.id',
      'c.name',
      'c.contact_name',
      'c.version',
      sql<number>`(SELECT count(*) FROM property_compounds p WHERE p.company_id = c.id)`.as('compounds'),
    ])
    .where('c.county_code', '=', principal.countyCode ?? '∅')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    contactName: r.contact_name,
    compounds: Number(r.compounds),
    version: r.version,
  }));
}

function latestRating() {
  return sql<
    string | null
  >`(SELECT r.month || '|' || coalesce(r.stars::text, '') || '|' || coalesce(r.score::text, '') FROM property_star_ratings r WHERE r.compound_id = p.id ORDER BY r.month DESC LIMIT 1)`;
}

function latestOf(packed: string | null): CompoundView['latest'] {
  if (!packed) return null;
  const [month, stars, score] = packed.split('|');
  return { month: month as string, stars: stars ? Number(stars) : null, score: score ? Number(score) : null };
}

export async function compounds(db: Db, principal: Principal, q: { villageId?: number }): Promise<CompoundView[]> {
  let query = db
    .selectFrom('property_compounds as p')
    .innerJoin('orgs as v', 'v.id', 'p.village_id')
    .innerJoin('property_companies as c', 'c.id', 'p.company_id')
    .select([
      'p.id',
      'p.village_id',
      'p.company_id',
      'p.name',
      'p.grid_ids',
      'p.version',
      'v.name as village_name',
      'c.name as company_name',
    ])
    .select(latestRating().as('latest'))
    .where(inStaffVillages(principal, 'p'));
  if (q.villageId) query = query.where('p.village_id', '=', q.villageId);
  const rows = await query.orderBy('p.village_id').orderBy('p.id').execute();
  return rows.map((r) => ({
    id: r.id,
    villageId: r.village_id,
    villageName: r.village_name,
    companyId: r.company_id,
    companyName: r.company_name,
    name: r.name,
    gridIds: r.grid_ids,
    version: r.version,
    latest: latestOf(r.latest),
  }));
}

export async function compoundDetail(
  db: Kysely<DB>,
  principal: Principal,
  id: number,
): Promise<
  CompoundView & {
    months: CompoundMonthView[];
    linkedCases: number;
    weights: typeof STAR_WEIGHTS;
    history: HistoryEntry[];
  }
> {
  const [compound] = (await compounds(db, principal, {})).filter((c) => c.id === id);
  if (!compound) throw new AppError('PROPERTY_COMPOUND_NOT_FOUND', { details: { compoundId: id } });
  const months = await db
    .selectFrom('property_star_ratings')
    .selectAll()
    .where('compound_id', '=', id)
    .orderBy('month', 'desc')
    .limit(12)
    .execute();
  const linked = await db
    .selectFrom('property_case_links')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('compound_id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    ...compound,
    months: months.map((m) => ({
      month: m.month,
      stars: m.stars,
      score: m.score === null ? null : Number(m.score),
      ...metricsOf(m.metrics),
      computedAt: new Date(m.computed_at).toISOString(),
    })),
    linkedCases: Number(linked.n),
    weights: STAR_WEIGHTS,
    history: await historyOf(db, 'property_compound', id, { create: '登记小区', link_case: '关联诉求' }),
  };
}

/** The public board: each compound's rating of the month (or its latest), with the company and the figures. */
export async function publicCompounds(
  db: Db,
  month?: string,
): Promise<{ month: string | null; items: PublicCompoundView[] }> {
  const rows = await db
    .selectFrom('property_star_ratings as r')
    .innerJoin('property_compounds as p', 'p.id', 'r.compound_id')
    .innerJoin('property_companies as c', 'c.id', 'r.company_id')
    .innerJoin('orgs as v', 'v.id', 'p.village_id')
    .leftJoin('orgs as t', 't.id', 'v.parent_id')
    .select([
      'p.id',
      'p.name',
      'v.name as village_name',
      't.name as town_name',
      'c.name as company_name',
      'r.month',
      'r.stars',
      'r.score',
      'r.metrics',
    ])
    .$if(!!month, (q) => q.where('r.month', '=', month as string))
    .$if(!month, (q) =>
      q.where(
        sql<boolean>`r.month = (SELECT max(r2.month) FROM property_star_ratings r2 WHERE r2.compound_id = r.compound_id)`,
      ),
    )
    .orderBy('r.stars', (ob) => ob.desc().nullsLast())
    .orderBy('r.score', (ob) => ob.desc().nullsLast())
    .orderBy('p.id')
    .execute();
  return {
    month: month ?? rows.reduce<string | null>((m, r) => (m === null || r.month > m ? r.month : m), null),
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      villageName: r.village_name,
      townName: r.town_name,
      companyName: r.company_name,
      month: r.month,
      stars: r.stars,
      score: r.score === null ? null : Number(r.score),
      figures: metricsOf(r.metrics).figures,
    })),
  };
}

/** The phone's list: every compound, with the resident's own rating of this month. */
export async function myCompounds(db: Db, principal: Principal, now: Date) {
  const month = chinaDayOf(now).slice(0, 7);
  const rows = await db
    .selectFrom('property_compounds as p')
    .innerJoin('orgs as v', 'v.id', 'p.village_id')
    .innerJoin('property_companies as c', 'c.id', 'p.company_id')
    .leftJoin('property_resident_ratings as mine', (join) =>
      join
        .onRef('mine.compound_id', '=', 'p.id')
        .on('mine.user_id', '=', principal.userId ?? -1)
        .on('mine.month', '=', month),
    )
    .select(['p.id', 'p.name', 'v.name as village_name', 'c.name as company_name', 'mine.stars as my_stars'])
    .select(latestRating().as('latest'))
    .orderBy('p.id')
    .execute();
  return {
    month,
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      villageName: r.village_name,
      companyName: r.company_name,
      myStars: r.my_stars,
      latest: latestOf(r.latest),
    })),
  };
}
