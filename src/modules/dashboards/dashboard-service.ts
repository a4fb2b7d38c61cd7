// 分析研判 dashboards and the 三级指挥平台 overview, read from the rollups (0005_rollups.sql) and, for what
// is live (overdue clocks), from the open cases only. Everything is scoped to the principal's subtree.
import { type Kysely, sql } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  DURATION_BUCKET_LABELS,
  DURATION_BUCKETS,
  type DurationMetric,
  localDay,
} from '../../domain/rollups/case-facts.js';
import { inScope, type Principal } from '../auth/principal.js';

export const AREA_KINDS = ['county', 'town', 'village', 'grid'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];
export const BREAKDOWNS = ['channel', 'category1', 'category2', 'unit', 'place'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export type Interval = 'day' | 'week' | 'month';

export const CHANNEL_NAMES: Record<string, string> = {
  citizen_app: '群众随手拍',
  hotline: '12345热线',
  grid_patrol: '网格巡查',
  screening: '矛盾排查',
  walk_in: '来访',
  petition: '信访',
  open311: 'Open311',
  video: '视频智能分析',
};

export interface DashboardQuery {
  from?: string;
  to?: string;
  orgId?: number;
}

interface Target {
  id: number;
  name: string;
  kind: string;
  path: string;
  parentId: number | null;
  countyCode: string;
  /** True for county / town / village / grid: place facts apply. */
  area: boolean;
}

export interface Period {
  from: string;
  to: string;
}

const MAX_DAYS = 3 * 366;

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function validDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`));
}

const num = (v: unknown) => Number(v ?? 0);
const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

export class DashboardService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return localDay(this.clock.now());
  }

  period(q: DashboardQuery): Period {
    const to = q.to ?? this.today();
    const bad: Record<string, string> = {};
    if (q.from !== undefined && !validDay(q.from)) bad.from = '开始日期格式应为 YYYY-MM-DD';
    if (!validDay(to)) bad.to = '结束日期格式应为 YYYY-MM-DD';
    // the default start counts back from a valid end only (addDays of a malformed day throws: a 500, test/fuzz.test.ts)
    const from = q.from ?? (bad.to ? '' : addDays(to, -29));
    if (Object.keys(bad).length === 0) {
      if (from > to) bad.from = '开始日期不能晚于结束日期';
      else if (Date.parse(to) - Date.parse(from) > MAX_DAYS * 86400_000) bad.to = '统计区间最长三年';
    }
    if (Object.keys(bad).length > 0) {
      throw new AppError('VALIDATION_FAILED', {
        message: `统计区间不正确：${Object.values(bad).join('；')}`,
        details: bad,
      });
    }
    return { from, to };
  }

  /** The organisation the figures are about: the one asked for (inside the scope) or the principal's own. */
  async target(principal: Principal, orgId?: number): Promise<Target> {
    const id = orgId ?? principal.orgId;
    if (!id) throw new AppError('ORG_NOT_FOUND');
    const row = await this.db
      .selectFrom('orgs')
      .select(['id', 'name', 'kind', 'path', 'parent_id', 'county_code'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || !inScope(principal, row.path)) throw new AppError('ORG_NOT_FOUND');
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      path: row.path,
      parentId: row.parent_id,
      countyCode: row.county_code,
      area: (AREA_KINDS as readonly string[]).includes(row.kind),
    };
  }

  /** Units whose figures the target may see: in a town, what happened on the town's cases; elsewhere its subtree. */
  private unitFilter(t: Target) {
    return (qb: ReturnType<typeof this.unitBase>) => {
      if (t.kind === 'county') return qb.where('u.county_code', '=', t.countyCode);
      if (t.kind === 'town') return qb.where('u.town_id', '=', t.id);
      return qb.where('o.path', 'like', `${t.path}%`);
    };
  }

  private unitBase() {
    return this.db.selectFrom('rollup_unit_day as u').innerJoin('orgs as o', 'o.id', 'u.unit_id');
  }

  /** Received/closed per area and day: the area cube for the county, towns and villages, the fine table for grids. */
  private areaTotals(kind: string) {
    if (kind === 'grid') {
      return this.db.selectFrom('rollup_case_day').select(['grid_id as area_id', 'day', 'received', 'closed']).as('a');
    }
    return this.db
      .selectFrom('rollup_area_day')
      .select(['area_id', 'day', 'received', 'closed'])
      .where('dim', '=', 'all')
      .as('a');
  }

  async summary(principal: Principal, q: DashboardQuery) {
    const t = await this.target(principal, q.orgId);
    const p = this.period(q);
    const place = t.area
      ? await this.db
          .selectFrom(this.areaTotals(t.kind))
          .select([
            sql<number>`coalesce(sum(a.received), 0)`.as('received'),
            sql<number>`coalesce(sum(a.closed), 0)`.as('closed'),
          ])
          .where('a.area_id', '=', t.id)
          .where('a.day', '>=', p.from)
          .where('a.day', '<=', p.to)
          .executeTakeFirstOrThrow()
      : { received: 0, closed: 0 };
    const units = await this.unitFilter(t)(this.unitBase())
      .select([
        sql<number>`coalesce(sum(u.dispatched), 0)`.as('dispatched'),
        sql<number>`coalesce(sum(u.signed), 0)`.as('signed'),
        sql<number>`coalesce(sum(u.signed_on_time), 0)`.as('signed_on_time'),
        sql<number>`coalesce(sum(u.replied), 0)`.as('replied'),
        sql<number>`coalesce(sum(u.completed), 0)`.as('completed'),
        sql<number>`coalesce(sum(u.completed_on_time), 0)`.as('completed_on_time'),
        sql<number>`coalesce(sum(u.satisfied), 0)`.as('satisfied'),
        sql<number>`coalesce(sum(u.basically_satisfied), 0)`.as('basically_satisfied'),
        sql<number>`coalesce(sum(u.unsatisfied), 0)`.as('unsatisfied'),
        sql<number>`coalesce(sum(u.overdue), 0)`.as('overdue'),
        sql<number>`coalesce(sum(u.returned), 0)`.as('returned'),
        sql<number>`coalesce(sum(u.reopened), 0)`.as('reopened'),
        sql<number>`coalesce(sum(u.sign_count), 0)`.as('sign_count'),
        sql<number>`coalesce(sum(u.sign_seconds), 0)`.as('sign_seconds'),
        sql<number>`coalesce(sum(u.close_count), 0)`.as('close_count'),
        sql<number>`coalesce(sum(u.close_seconds), 0)`.as('close_seconds'),
      ])
      .where('u.day', '>=', p.from)
      .where('u.day', '<=', p.to)
      .executeTakeFirstOrThrow();
    const [openNow, overdueNow] = await Promise.all([this.openNow([t.id]), this.overdueCount(t)]);
    const rated = num(units.satisfied) + num(units.basically_satisfied) + num(units.unsatisfied);
    return {
      org: { id: t.id, name: t.name, kind: t.kind },
      ...p,
      received: num(place.received),
      closed: num(place.closed),
      openNow: openNow.get(t.id) ?? 0,
      overdueNow,
      dispatched: num(units.dispatched),
      signed: num(units.signed),
      signedOnTime: num(units.signed_on_time),
      replied: num(units.replied),
      completed: num(units.completed),
      completedOnTime: num(units.completed_on_time),
      satisfied: num(units.satisfied),
      basicallySatisfied: num(units.basically_satisfied),
      unsatisfied: num(units.unsatisfied),
      overdue: num(units.overdue),
      returned: num(units.returned),
      reopened: num(units.reopened),
      signOnTimeRate: rate(num(units.signed_on_time), num(units.signed)),
      completedOnTimeRate: rate(num(units.completed_on_time), num(units.completed)),
      satisfactionRate: rate(num(units.satisfied) + num(units.basically_satisfied), rated),
      avgSignHours:
        num(units.sign_count) > 0
          ? Math.round((num(units.sign_seconds) / num(units.sign_count) / 3600) * 10) / 10
          : null,
      avgCloseDays:
        num(units.close_count) > 0
          ? Math.round((num(units.close_seconds) / num(units.close_count) / 86400) * 10) / 10
          : null,
    };
  }

  async trend(principal: Principal, q: DashboardQuery & { interval?: Interval }) {
    const t = await this.target(principal, q.orgId);
    const p = this.period(q);
    const interval = q.interval ?? 'day';
    const bucket =
      interval === 'day'
        ? sql<string>`a.day::text`
        : interval === 'week'
          ? sql<string>`date_trunc('week', a.day)::date::text`
          : sql<string>`to_char(a.day, 'YYYY-MM')`;
    const rows = t.area
      ? await this.db
          .selectFrom(this.areaTotals(t.kind))
          .select([
            bucket.as('period'),
            sql<number>`sum(a.received)`.as('received'),
            sql<number>`sum(a.closed)`.as('closed'),
          ])
          .where('a.area_id', '=', t.id)
          .where('a.day', '>=', p.from)
          .where('a.day', '<=', p.to)
          .groupBy(sql`1`)
          .orderBy(sql`1`)
          .execute()
      : [];
    // Every period of the range, zeros included, so charts and spreadsheets show gaps as gaps.
    const periods: string[] = [];
    for (let d = p.from; d <= p.to; d = addDays(d, 1)) {
      const key =
        interval === 'day'
          ? d
          : interval === 'month'
            ? d.slice(0, 7)
            : addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7));
      if (periods[periods.length - 1] !== key) periods.push(key);
    }
    const byPeriod = new Map(rows.map((r) => [r.period, r]));
    return {
      org: { id: t.id, name: t.name, kind: t.kind },
      ...p,
      interval,
      items: periods.map((period) => ({
        period,
        received: num(byPeriod.get(period)?.received),
        closed: num(byPeriod.get(period)?.closed),
      })),
    };
  }

  async breakdown(principal: Principal, q: DashboardQuery & { by: Breakdown }) {
    const t = await this.target(principal, q.orgId);
    const p = this.period(q);
    const base = { org: { id: t.id, name: t.name, kind: t.kind }, ...p, by: q.by };
    if (q.by === 'unit') return { ...base, items: await this.byUnit(t, p) };
    if (!t.area) return { ...base, items: [] };
    if (q.by === 'place') return { ...base, items: await this.byPlace(t, p) };
    let rows: { key: string; received: number; closed: number }[];
    // The area cube keeps every dimension for the county and towns; villages and grids read the fine table,
    // which is small at that level.
    const inCube = t.kind === 'county' || t.kind === 'town';
    if (!inCube) {
      const key =
        q.by === 'channel'
          ? sql<string>`r.channel`
          : q.by === 'category1'
            ? sql<string>`(CASE c.level WHEN 1 THEN c.id WHEN 2 THEN pc.id WHEN 3 THEN gc.id ELSE 0 END)::text`
            : sql<string>`(CASE c.level WHEN 2 THEN c.id WHEN 3 THEN pc.id ELSE 0 END)::text`;
      rows = (
        await this.db
          .selectFrom('rollup_case_day as r')
          .leftJoin('categories as c', 'c.id', 'r.category_id')
          .leftJoin('categories as pc', 'pc.id', 'c.parent_id')
          .leftJoin('categories as gc', 'gc.id', 'pc.parent_id')
          .select([key.as('key'), sql<number>`sum(r.received)`.as('received'), sql<number>`sum(r.closed)`.as('closed')])
          .where(t.kind === 'grid' ? 'r.grid_id' : 'r.village_id', '=', t.id)
          .where('r.day', '>=', p.from)
          .where('r.day', '<=', p.to)
          .groupBy(sql`1`)
          .execute()
      ).map((r) => ({ key: r.key ?? '0', received: num(r.received), closed: num(r.closed) }));
    } else {
      rows = (
        await this.db
          .selectFrom('rollup_area_day')
          .select(['key', sql<number>`sum(received)`.as('received'), sql<number>`sum(closed)`.as('closed')])
          .where('area_id', '=', t.id)
          .where('dim', '=', q.by)
          .where('day', '>=', p.from)
          .where('day', '<=', p.to)
          .groupBy('key')
          .execute()
      ).map((r) => ({ key: r.key, received: num(r.received), closed: num(r.closed) }));
    }
    let names = new Map<string, string>();
    if (q.by === 'channel') names = new Map(Object.entries(CHANNEL_NAMES));
    else {
      const ids = rows.map((r) => Number(r.key)).filter((id) => id > 0);
      if (ids.length) {
        const cats = await this.db.selectFrom('categories').select(['id', 'name']).where('id', 'in', ids).execute();
        names = new Map(cats.map((c) => [String(c.id), c.name]));
      }
    }
    const items = rows
      .filter((r) => r.received > 0 || r.closed > 0)
      .map((r) => ({
        key: r.key,
        name: names.get(r.key) ?? (r.key === '0' || r.key === '' ? '未分类' : r.key),
        received: r.received,
        closed: r.closed,
      }))
      .sort((a, b) => b.received - a.received || a.name.localeCompare(b.name));
    return { ...base, items };
  }

  private async byPlace(t: Target, p: Period) {
    const children = await this.childAreas(t);
    if (children.length === 0) return [];
    const ids = children.map((c) => c.id);
    const [rows, open, overdue] = await Promise.all([
      this.db
        .selectFrom(this.areaTotals(children[0]?.kind ?? 'town'))
        .select(['a.area_id', sql<number>`sum(a.received)`.as('received'), sql<number>`sum(a.closed)`.as('closed')])
        .where('a.area_id', 'in', ids)
        .where('a.day', '>=', p.from)
        .where('a.day', '<=', p.to)
        .groupBy('a.area_id')
        .execute(),
      this.openNow(ids),
      this.overdueByChild(t),
    ]);
    const byId = new Map(rows.map((r) => [r.area_id, r]));
    return children.map((c) => ({
      key: String(c.id),
      name: c.name,
      kind: c.kind,
      received: num(byId.get(c.id)?.received),
      closed: num(byId.get(c.id)?.closed),
      openNow: open.get(c.id) ?? 0,
      overdueNow: overdue.get(c.id) ?? 0,
    }));
  }

  private async byUnit(t: Target, p: Period) {
    const rows = await this.unitFilter(t)(this.unitBase())
      .select([
        'u.unit_id',
        'o.name',
        'o.kind',
        sql<number>`sum(u.dispatched)`.as('dispatched'),
        sql<number>`sum(u.signed)`.as('signed'),
        sql<number>`sum(u.signed_on_time)`.as('signed_on_time'),
        sql<number>`sum(u.replied)`.as('replied'),
        sql<number>`sum(u.completed)`.as('completed'),
        sql<number>`sum(u.completed_on_time)`.as('completed_on_time'),
        sql<number>`sum(u.satisfied + u.basically_satisfied)`.as('pleased'),
        sql<number>`sum(u.satisfied + u.basically_satisfied + u.unsatisfied)`.as('rated'),
        sql<number>`sum(u.overdue)`.as('overdue'),
        sql<number>`sum(u.returned)`.as('returned'),
      ])
      .where('u.day', '>=', p.from)
      .where('u.day', '<=', p.to)
      .groupBy(['u.unit_id', 'o.name', 'o.kind'])
      .execute();
    return rows
      .map((r) => ({
        key: String(r.unit_id),
        name: r.name,
        kind: r.kind,
        dispatched: num(r.dispatched),
        signed: num(r.signed),
        signedOnTime: num(r.signed_on_time),
        replied: num(r.replied),
        completed: num(r.completed),
        completedOnTime: num(r.completed_on_time),
        satisfactionRate: rate(num(r.pleased), num(r.rated)),
        overdue: num(r.overdue),
        returned: num(r.returned),
      }))
      .sort((a, b) => b.dispatched + b.replied - (a.dispatched + a.replied) || a.name.localeCompare(b.name));
  }

  async durations(principal: Principal, q: DashboardQuery) {
    const t = await this.target(principal, q.orgId);
    const p = this.period(q);
    const rows = t.area
      ? await this.db
          .selectFrom('rollup_duration_day')
          .select(['metric', 'bucket', sql<number>`sum(count)`.as('count'), sql<number>`sum(seconds)`.as('seconds')])
          .where('area_id', '=', t.id)
          .where('day', '>=', p.from)
          .where('day', '<=', p.to)
          .groupBy(['metric', 'bucket'])
          .execute()
      : [];
    const metric = (m: DurationMetric) => {
      const mine = rows.filter((r) => r.metric === m);
      const count = mine.reduce((s, r) => s + num(r.count), 0);
      const seconds = mine.reduce((s, r) => s + num(r.seconds), 0);
      return {
        buckets: DURATION_BUCKET_LABELS[m].map((label, bucket) => ({
          bucket,
          label,
          upToSeconds: DURATION_BUCKETS[m][bucket] ?? null,
          count: num(mine.find((r) => Number(r.bucket) === bucket)?.count),
        })),
        count,
        averageHours: count > 0 ? Math.round((seconds / count / 3600) * 10) / 10 : null,
      };
    };
    return { org: { id: t.id, name: t.name, kind: t.kind }, ...p, sign: metric('sign'), close: metric('close') };
  }

  // --- live figures (open cases only) ---

  async openNow(areaIds: number[]): Promise<Map<number, number>> {
    if (areaIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('rollup_area_now')
      .select(['area_id', 'open'])
      .where('area_id', 'in', areaIds)
      .execute();
    return new Map(rows.map((r) => [r.area_id, num(r.open)]));
  }

  /** The column of cases (c) or clocks (d) that places a row in an area of this kind. */
  private areaColumn<A extends 'c' | 'd'>(kind: string, alias: A) {
    const col = kind === 'town' ? 'town_id' : kind === 'village' ? 'village_id' : kind === 'grid' ? 'grid_id' : null;
    return col ? (`${alias}.${col}` as const) : null;
  }

  /**
   * Live clocks past due (red) in the target's area, or owned within a department's subtree. Clocks exist
   * only while a case is open and carry its place (migration 0009), so no case is read to count them.
   */
  private redClocks(t: Target) {
    const q = this.db.selectFrom('case_deadlines as d').where('d.due_at', '<=', this.clock.now());
    const col = this.areaColumn(t.kind, 'd');
    if (col) return q.where(col, '=', t.id);
    if (t.kind === 'county') return q.where('d.county_code', '=', t.countyCode);
    return q.where('d.owner_org_id', 'in', this.db.selectFrom('orgs').select('id').where('path', 'like', `${t.path}%`));
  }

  async overdueCount(t: Target): Promise<number> {
    const row = await this.redClocks(t)
      .select(sql<number>`count(DISTINCT d.case_id)`.as('n'))
      .executeTakeFirstOrThrow();
    return num(row.n);
  }

  private async overdueByChild(t: Target): Promise<Map<number, number>> {
    const childKind =
      t.kind === 'county' ? 'town' : t.kind === 'town' ? 'village' : t.kind === 'village' ? 'grid' : null;
    const col = childKind ? this.areaColumn(childKind, 'd') : null;
    if (!col) return new Map();
    const rows = await this.redClocks(t)
      .select([sql.ref<number>(col).as('area_id'), sql<number>`count(DISTINCT d.case_id)`.as('n')])
      .groupBy(sql.ref(col))
      .execute();
    return new Map(rows.map((r) => [num(r.area_id), num(r.n)]));
  }

  /** The cases longest overdue in the target's area, oldest red clock first. */
  private overdueList(t: Target, limit: number) {
    return this.db
      .selectFrom(
        this.redClocks(t)
          .select(['d.case_id', sql<Date>`min(d.due_at)`.as('due_at')])
          .groupBy('d.case_id')
          .orderBy(sql`min(d.due_at)`)
          .limit(limit)
          .as('od'),
      )
      .innerJoin('cases as c', 'c.id', 'od.case_id')
      .leftJoin('orgs as g', 'g.id', 'c.grid_id')
      .leftJoin('orgs as w', 'w.id', 'c.owner_org_id')
      .select(['c.id', 'c.number', 'c.title', 'c.status', 'od.due_at', 'g.name as grid_name', 'w.name as owner_name'])
      .orderBy('od.due_at')
      .orderBy('c.id')
      .execute();
  }

  private async childAreas(t: Target) {
    return this.db
      .selectFrom('orgs')
      .select(['id', 'name', 'kind', 'center_lat', 'center_lng'])
      .where('parent_id', '=', t.id)
      .where('kind', 'in', ['town', 'village', 'grid'])
      .where('active', '=', true)
      .orderBy('sort')
      .orderBy('code')
      .execute();
  }

  /** 三级指挥平台: today's figures, hot categories, the overdue list and per-child colouring for the map. */
  async commandOverview(principal: Principal, orgId?: number) {
    const t = await this.target(principal, orgId);
    if (!t.area) {
      throw new AppError('VALIDATION_FAILED', {
        message: '指挥平台按县、镇街、村社区、网格查看，请选择一个区域',
        details: { orgId: '不是区域' },
      });
    }
    const today = this.today();
    const weekAgo = addDays(today, -6);
    const [crumbs, todayRow, open, overdueNow, children, overdueByChild, hot, overdueList, recent] = await Promise.all([
      this.db
        .selectFrom('orgs')
        .select(['id', 'name', 'kind', 'path'])
        .where('id', 'in', t.path.split('/').filter(Boolean).map(Number))
        .orderBy('depth')
        .execute(),
      this.db
        .selectFrom(this.areaTotals(t.kind))
        .select([
          sql<number>`coalesce(sum(a.received), 0)`.as('received'),
          sql<number>`coalesce(sum(a.closed), 0)`.as('closed'),
        ])
        .where('a.area_id', '=', t.id)
        .where('a.day', '=', today)
        .executeTakeFirstOrThrow(),
      this.openNow([t.id]),
      this.overdueCount(t),
      this.childAreas(t),
      this.overdueByChild(t),
      this.breakdown(principal, { orgId: t.id, from: weekAgo, to: today, by: 'category1' }),
      this.overdueList(t, 20),
      this.recentCases(t, 20),
    ]);
    const childIds = children.map((c) => c.id);
    const [childOpen, childToday] = await Promise.all([
      this.openNow(childIds),
      childIds.length
        ? this.db
            .selectFrom(this.areaTotals(children[0]?.kind ?? 'town'))
            .select(['a.area_id', sql<number>`sum(a.received)`.as('received')])
            .where('a.area_id', 'in', childIds)
            .where('a.day', '=', today)
            .groupBy('a.area_id')
            .execute()
        : Promise.resolve([]),
    ]);
    const todayByChild = new Map(childToday.map((r) => [r.area_id, num(r.received)]));
    return {
      org: { id: t.id, name: t.name, kind: t.kind, parentId: t.parentId },
      breadcrumb: crumbs
        .filter((c) => (AREA_KINDS as readonly string[]).includes(c.kind) && inScope(principal, c.path))
        .map((c) => ({ id: c.id, name: c.name, kind: c.kind })),
      today: {
        day: today,
        received: num(todayRow.received),
        closed: num(todayRow.closed),
        openNow: open.get(t.id) ?? 0,
        overdueNow,
      },
      topCategories: hot.items
        .slice(0, 8)
        .map((h) => ({ id: Number(h.key), name: h.name, received: (h as { received: number }).received })),
      overdue: overdueList.map((o) => ({
        id: o.id,
        number: o.number,
        title: o.title,
        state: o.status,
        dueAt: new Date(o.due_at).toISOString(),
        gridName: o.grid_name,
        ownerName: o.owner_name,
      })),
      children: children.map((c) => ({
        id: c.id,
        name: c.name,
        kind: c.kind,
        openNow: childOpen.get(c.id) ?? 0,
        overdueNow: overdueByChild.get(c.id) ?? 0,
        receivedToday: todayByChild.get(c.id) ?? 0,
      })),
      recent,
    };
  }

  /** The latest cases reported or escalated in the area (the stream's first screen). */
  private async recentCases(t: Target, limit: number) {
    let q = this.db
      .selectFrom('cases as c')
      .leftJoin('orgs as g', 'g.id', 'c.grid_id')
      .select([
        'c.id',
        'c.number',
        'c.title',
        'c.status',
        'c.reported_at',
        'c.supervision_level',
        'g.name as grid_name',
      ])
      .where('c.reported_at', '<=', this.clock.now());
    const col = this.areaColumn(t.kind, 'c');
    q = col ? q.where(col, '=', t.id) : q.where('c.county_code', '=', t.countyCode);
    const rows = await q.orderBy('c.reported_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      state: r.status,
      reportedAt: new Date(r.reported_at).toISOString(),
      supervisionLevel: r.supervision_level,
      gridName: r.grid_name,
    }));
  }
}
