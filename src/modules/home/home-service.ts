// What a signed-in person sees first: their unit's organisation counts and its cases at a glance, and the
// list of cases in their scope (the demo year of history until the case workbench lands).
import { type Kysely, sql } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { DB } from '../../db/schema.js';
import { addMonths } from '../../domain/assessment/index.js';
import { maskPhone } from '../auth/auth-service.js';
import type { Principal } from '../auth/principal.js';
import { casesVisibleTo } from '../cases/case-scope.js';
import { openReporterField } from '../cases/reporter-fields.js';
import { AREA_KINDS, type DashboardService } from '../dashboards/dashboard-service.js';

interface CaseFigures {
  total: number;
  open: number;
  closedThisMonth: number;
  satisfactionRate: number | null;
  byMonth: { month: string; count: number }[];
  byCategory: { name: string; count: number }[];
}

export class HomeService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly dashboards: DashboardService,
    /** Reporters' names and phones are stored encrypted: opened to be masked. */
    private readonly crypto: FieldCrypto,
  ) {}

  /** Cases the principal may read (the one scope rule of case-scope.ts). */
  private casesInScope(principal: Principal) {
    return this.db.selectFrom('cases').where(casesVisibleTo(principal));
  }

  async summary(principal: Principal) {
    const like = `${principal.scopePath ?? '∅'}%`;
    const [org, orgCounts, users, cases] = await Promise.all([
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
      principal.role !== 'citizen' && (AREA_KINDS as readonly string[]).includes(principal.orgKind ?? '')
        ? this.areaFigures(principal)
        : this.scopeFigures(principal),
    ]);
    const kinds = Object.fromEntries(orgCounts.map((r) => [r.kind, Number(r.n)]));
    return {
      org: org ?? null,
      counts: {
        towns: kinds.town ?? 0,
        villages: kinds.village ?? 0,
        grids: kinds.grid ?? 0,
        departments: kinds.department ?? 0,
        users: Number(users.n),
      },
      cases,
    };
  }

  /**
   * An area's figures (county, town, village, grid) from the rollups the dashboards read, so the first page stays
   * fast at tens of millions of cases: received in the last 12 months, open now, closed this month, satisfaction.
   */
  private async areaFigures(principal: Principal): Promise<CaseFigures> {
    const today = this.dashboards.today();
    const from = `${addMonths(today.slice(0, 7), -11)}-01`;
    const [year, trend, mix] = await Promise.all([
      this.dashboards.summary(principal, { from, to: today }),
      this.dashboards.trend(principal, { from, to: today, interval: 'month' }),
      this.dashboards.breakdown(principal, { from, to: today, by: 'category1' }),
    ]);
    return {
      total: year.received,
      open: year.openNow,
      // the trend's last month is this month, up to today
      closedThisMonth: trend.items.at(-1)?.closed ?? 0,
      satisfactionRate: year.satisfactionRate,
      byMonth: trend.items.map((i) => ({ month: i.period, count: i.received })),
      byCategory: mix.items.slice(0, 12).map((i) => ({ name: i.name, count: 'received' in i ? i.received : 0 })),
    };
  }

  /** The same figures counted from the cases, for a department's, an office's or a citizen's smaller scope. */
  private async scopeFigures(principal: Principal): Promise<CaseFigures> {
    const now = this.clock.now();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) - 8 * 3600_000);
    const yearAgo = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1) - 8 * 3600_000);
    const scoped = this.casesInScope(principal);
    const lastYear = scoped.where('cases.reported_at', '>=', yearAgo).where('cases.reported_at', '<=', now);
    const [totals, byMonth, byCategory] = await Promise.all([
      scoped
        .select([
          sql<number>`count(*) filter (where cases.reported_at >= ${yearAgo} and cases.reported_at <= ${now})`.as(
            'total',
          ),
          sql<number>`count(*) filter (where cases.closed_at is null)`.as('open'),
          sql<number>`count(*) filter (where cases.closed_at >= ${monthStart})`.as('closed_this_month'),
          sql<number>`count(*) filter (where cases.satisfaction in ('satisfied','basically_satisfied'))`.as('pleased'),
          sql<number>`count(*) filter (where cases.satisfaction is not null)`.as('rated'),
        ])
        .executeTakeFirstOrThrow(),
      lastYear
        .select([
          sql<string>`to_char(cases.reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`.as('month'),
          (eb) => eb.fn.countAll<number>().as('count'),
        ])
        .groupBy('month')
        .orderBy('month')
        .execute(),
      lastYear
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
    const rated = Number(totals.rated);
    return {
      total: Number(totals.total),
      open: Number(totals.open),
      closedThisMonth: Number(totals.closed_this_month),
      satisfactionRate: rated ? Number(totals.pleased) / rated : null,
      byMonth: byMonth.map((r) => ({ month: r.month, count: Number(r.count) })),
      byCategory: byCategory.map((r) => ({ name: r.top_name, count: Number(r.count) })),
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
        reporter: r.anonymous ? '匿名' : maskName(openReporterField(this.crypto, r.reporter_name)),
        reporterPhone: r.anonymous ? null : maskPhone(openReporterField(this.crypto, r.reporter_phone)),
      })),
    };
  }
}

/** 张三丰 → 张**: personal names are masked by default. */
export function maskName(name: string | null): string | null {
  if (!name) return null;
  return `${[...name][0]}${'*'.repeat(Math.max(1, [...name].length - 1))}`;
}
