// What a signed-in person sees first: their unit's organisation counts and its cases at a glance, and the
// list of cases in their scope (the demo year of history until the case workbench lands).
import { type Kysely, sql } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import { maskPhone } from '../auth/auth-service.js';
import type { Principal } from '../auth/principal.js';
import { casesVisibleTo } from '../cases/case-scope.js';

export class HomeService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  /** Cases the principal may read (the one scope rule of case-scope.ts). */
  private casesInScope(principal: Principal) {
    return this.db.selectFrom('cases').where(casesVisibleTo(principal));
  }

  async summary(principal: Principal) {
    const now = this.clock.now();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) - 8 * 3600_000);
    const yearAgo = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1) - 8 * 3600_000);
    const scoped = this.casesInScope(principal);
    const like = `${principal.scopePath ?? '∅'}%`;
    const [org, orgCounts, users, totals, byMonth, byCategory] = await Promise.all([
      principal.orgId
        ? this.db.selectFrom('orgs').select(['id', 'name', 'kind']).where('id', '=', principal.orgId).executeTakeFirst()
        : Promise.resolve(undefined),
      this.db
        .selectFrom('orgs')
        .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
        .where('path', 'like', like)
        .where('active', '=', true)
        .groupBy('kind')
        .execute(),
      this.db
        .selectFrom('users')
        .innerJoin('orgs', 'orgs.id', 'users.org_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('orgs.path', 'like', like)
        .executeTakeFirstOrThrow(),
      scoped
        .select([
          (eb) => eb.fn.countAll<number>().as('total'),
          sql<number>`count(*) filter (where cases.closed_at is null)`.as('open'),
          sql<number>`count(*) filter (where cases.closed_at >= ${monthStart})`.as('closed_this_month'),
          sql<number>`count(*) filter (where cases.satisfaction in ('satisfied','basically_satisfied'))`.as('pleased'),
          sql<number>`count(*) filter (where cases.satisfaction is not null)`.as('rated'),
        ])
        .executeTakeFirstOrThrow(),
      scoped
        .select([
          sql<string>`to_char(cases.reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`.as('month'),
          (eb) => eb.fn.countAll<number>().as('count'),
        ])
        .where('cases.reported_at', '>=', yearAgo)
        .where('cases.reported_at', '<=', now)
        .groupBy('month')
        .orderBy('month')
        .execute(),
      scoped
        .innerJoin('categories as c', 'c.id', 'cases.category_id')
        .leftJoin('categories as p', 'p.id', 'c.parent_id')
        .leftJoin('categories as g', 'g.id', 'p.parent_id')
        .select([
          sql<string>`coalesce(g.name, p.name, c.name)`.as('top_name'),
          (eb) => eb.fn.countAll<number>().as('count'),
        ])
        .groupBy(sql`1`)
        .orderBy('count', 'desc')
        .limit(12)
        .execute(),
    ]);
    const kinds = Object.fromEntries(orgCounts.map((r) => [r.kind, Number(r.n)]));
    const rated = Number(totals.rated);
    return {
      org: org ?? null,
      counts: {
        towns: kinds.town ?? 0,
        villages: kinds.village ?? 0,
        grids: kinds.grid ?? 0,
        departments: kinds.department ?? 0,
        users: Number(users.n),
      },
      cases: {
        total: Number(totals.total),
        open: Number(totals.open),
        closedThisMonth: Number(totals.closed_this_month),
        satisfactionRate: rated ? Number(totals.pleased) / rated : null,
        byMonth: byMonth.map((r) => ({ month: r.month, count: Number(r.count) })),
        byCategory: byCategory.map((r) => ({ name: r.top_name, count: Number(r.count) })),
      },
    };
  }

  async cases(principal: Principal, filter: { q?: string; limit: number; offset: number }) {
    let query = this.casesInScope(principal);
    if (filter.q) {
      const like = `%${filter.q}%`;
      query = query.where((eb) => eb.or([eb('cases.title', 'like', like), eb('cases.number', 'like', like)]));
    }
    const [rows, count] = await Promise.all([
      query
        .leftJoin('categories as c', 'c.id', 'cases.category_id')
        .leftJoin('orgs as t', 't.id', 'cases.town_id')
        .leftJoin('orgs as v', 'v.id', 'cases.village_id')
        .leftJoin('orgs as g', 'g.id', 'cases.grid_id')
        .select([
          'cases.id',
          'cases.number',
          'cases.title',
          'cases.status',
          'cases.channel',
          'cases.reported_at',
          'cases.reporter_name',
          'cases.reporter_phone',
          'cases.anonymous',
          'c.name as category_name',
          't.name as town_name',
          'v.name as village_name',
          'g.name as grid_name',
        ])
        .orderBy('cases.reported_at', 'desc')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(count.n),
      items: rows.map((r) => ({
        id: r.id,
        number: r.number,
        title: r.title,
        status: r.status,
        channel: r.channel,
        reportedAt: r.reported_at,
        categoryName: r.category_name,
        townName: r.town_name,
        villageName: r.village_name,
        gridName: r.grid_name,
        reporter: r.anonymous ? '匿名' : maskName(r.reporter_name),
        reporterPhone: r.anonymous ? null : maskPhone(r.reporter_phone),
      })),
    };
  }
}

/** 张三丰 → 张**: personal names are masked by default. */
export function maskName(name: string | null): string | null {
  if (!name) return null;
  return `${[...name][0]}${'*'.repeat(Math.max(1, [...name].length - 1))}`;
}
