// 最多跑一次 figures of the applications in the principal's scope, per station or per town and month (the domain
// counts them), and the same figures as a spreadsheet.
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import ExcelJS from '../../core/exceljs.js';
import { type ApplicationState, type Figures, serviceFigures } from '../../domain/service-item/index.js';
import type { Principal } from '../auth/principal.js';
import { type Db, inServiceScope } from './service-scope.js';

export interface StatsQuery {
  /** 'YYYY-MM', inclusive */
  from: string;
  to: string;
  by?: 'station' | 'town';
}

export interface ServiceStats {
  from: string;
  to: string;
  by: 'station' | 'town';
  lines: Figures[];
  total: Figures;
}

/** The China-time month an application (alias a) was taken in. */
export const ACCEPTED_MONTH = sql<string>`to_char((a.accepted_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')`;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export async function serviceStats(db: Db, principal: Principal, query: StatsQuery): Promise<ServiceStats> {
  if (!MONTH.test(query.from) || !MONTH.test(query.to) || query.from > query.to) {
    throw new AppError('VALIDATION_FAILED', {
      message: '统计月份须为 YYYY-MM，且起始月不晚于截止月',
      details: { field: 'from' },
    });
  }
  const by = query.by ?? 'station';
  const month = ACCEPTED_MONTH;
  const rows = await db
    .selectFrom('service_applications as a')
    .innerJoin('service_stations as s', 's.id', 'a.station_id')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .leftJoin('orgs as t', 't.id', 'o.parent_id')
    .select([
      'a.state',
      'a.visits',
      'a.on_time',
      month.as('month'),
      's.id as station_id',
      's.name as station_name',
      'o.kind as org_kind',
      'o.id as org_id',
      'o.name as org_name',
      't.id as town_id',
      't.name as town_name',
    ])
    .where(inServiceScope(principal, 'a'))
    .where(month, '>=', query.from)
    .where(month, '<=', query.to)
    .execute();
  const { lines, total } = serviceFigures(
    rows.map((r) => {
      const town =
        r.org_kind === 'town' ? { id: r.org_id, name: r.org_name } : { id: r.town_id ?? 0, name: r.town_name ?? '' };
      return {
        groupId: by === 'town' ? town.id : Number(r.station_id),
        groupName: by === 'town' ? town.name : r.station_name,
        month: r.month,
        state: r.state as ApplicationState,
        visits: r.visits,
        onTime: r.on_time,
      };
    }),
  );
  return { from: query.from, to: query.to, by, lines, total };
}

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);

export async function statsWorkbook(stats: ServiceStats): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '共治 Gongzhi';
  const sheet = workbook.addWorksheet('便民服务办件统计');
  sheet.addRow([`便民服务办件统计（${stats.from} 至 ${stats.to}，按${stats.by === 'town' ? '镇街' : '站点'}）`]);
  sheet.addRow([
    stats.by === 'town' ? '镇街' : '站点',
    '月份',
    '受理',
    '已办结',
    '按时办结',
    '按时办结率',
    '平均跑动次数',
    '最多跑一次率',
  ]);
  for (const l of [...stats.lines, stats.total]) {
    sheet.addRow([
      l.groupName,
      l.month,
      l.applications,
      l.ended,
      l.onTime,
      pct(l.onTimeRate),
      l.averageVisits ?? '—',
      pct(l.oneVisitRate),
    ]);
  }
  sheet.addRow([]);
  sheet.addRow([
    '按时办结率 = 截止时限前办结（含不予受理、转办）的件数 ÷ 已办结件数；最多跑一次率 = 到站不超过 1 次即办结的件数 ÷ 已办结件数',
  ]);
  sheet.getColumn(1).width = 28;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
