// HTTP routes of the dashboards (分析研判) and the command centre (三级指挥平台). Every table answers JSON,
// or xlsx with ?format=xlsx holding the same numbers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { principalOf } from '../../http/auth-hooks.js';
import type { AppServices } from '../../services.js';
import { BREAKDOWNS, type Breakdown, type Interval } from './dashboard-service.js';
import { type Sheet, toXlsx } from './xlsx.js';

const PeriodQuery = {
  from: Type.Optional(Type.String({ description: '开始日期 YYYY-MM-DD（默认近30天）' })),
  to: Type.Optional(Type.String({ description: '结束日期 YYYY-MM-DD（默认今天）' })),
  orgId: Type.Optional(Type.Integer({ minimum: 1, description: '区域或单位（默认本单位）' })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])),
};

async function sendXlsx(reply: FastifyReply, name: string, sheets: Sheet[]) {
  const buffer = await toXlsx(sheets);
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.xlsx`)}`)
    .send(buffer);
}

const BY_NAMES: Record<Breakdown, string> = {
  channel: '按渠道',
  category1: '按一级分类',
  category2: '按二级分类',
  unit: '按单位',
  place: '按区域',
};

export const dashboardRoutes =
  (services: AppServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { dashboards } = services;

    app.get(
      '/dashboards/summary',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['dashboards'],
          summary: '分析研判：区间汇总（受理、办结、签收、满意率…）',
          querystring: Type.Object(PeriodQuery),
        },
      },
      async (request, reply) => {
        const s = await dashboards.summary(principalOf(request), request.query);
        if (request.query.format !== 'xlsx') return s;
        const rows: [string, string | number | null][] = [
          ['受理', s.received],
          ['办结', s.closed],
          ['在办（当前）', s.openNow],
          ['超期（当前）', s.overdueNow],
          ['派遣', s.dispatched],
          ['签收', s.signed],
          ['按时签收', s.signedOnTime],
          ['反馈', s.replied],
          ['办结（单位）', s.completed],
          ['按时办结', s.completedOnTime],
          ['满意', s.satisfied],
          ['基本满意', s.basicallySatisfied],
          ['不满意', s.unsatisfied],
          ['超期', s.overdue],
          ['退单', s.returned],
          ['重办', s.reopened],
          ['按时签收率', s.signOnTimeRate],
          ['按时办结率', s.completedOnTimeRate],
          ['满意率', s.satisfactionRate],
          ['平均签收时长（小时）', s.avgSignHours],
          ['平均办结时长（天）', s.avgCloseDays],
        ];
        return sendXlsx(reply, `汇总-${s.org.name}-${s.from}至${s.to}`, [
          { name: '汇总', title: `${s.org.name} ${s.from} 至 ${s.to}`, columns: ['指标', '数值'], rows },
        ]);
      },
    );

    app.get(
      '/dashboards/trend',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['dashboards'],
          summary: '分析研判：受理与办结趋势（按日/周/月）',
          querystring: Type.Object({
            ...PeriodQuery,
            interval: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')])),
          }),
        },
      },
      async (request, reply) => {
        const q = request.query;
        const s = await dashboards.trend(principalOf(request), { ...q, interval: q.interval as Interval | undefined });
        if (q.format !== 'xlsx') return s;
        return sendXlsx(reply, `趋势-${s.org.name}-${s.from}至${s.to}`, [
          {
            name: '趋势',
            title: `${s.org.name} ${s.from} 至 ${s.to}（${{ day: '按日', week: '按周', month: '按月' }[s.interval]}）`,
            columns: ['时段', '受理', '办结'],
            rows: s.items.map((i) => [i.period, i.received, i.closed]),
          },
        ]);
      },
    );

    app.get(
      '/dashboards/breakdown',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['dashboards'],
          summary: '分析研判：按渠道、一级/二级分类、单位或下级区域分列',
          querystring: Type.Object({ ...PeriodQuery, by: Type.Union(BREAKDOWNS.map((b) => Type.Literal(b))) }),
        },
      },
      async (request, reply) => {
        const q = request.query;
        const s = await dashboards.breakdown(principalOf(request), { ...q, by: q.by as Breakdown });
        if (q.format !== 'xlsx') return s;
        const title = `${s.org.name} ${s.from} 至 ${s.to}（${BY_NAMES[s.by]}）`;
        let sheet: Sheet;
        if (s.by === 'unit') {
          sheet = {
            name: BY_NAMES[s.by],
            title,
            columns: ['单位', '派遣', '签收', '按时签收', '反馈', '办结', '按时办结', '满意率', '超期', '退单'],
            rows: s.items.map((i) => {
              const u = i as unknown as {
                name: string;
                dispatched: number;
                signed: number;
                signedOnTime: number;
                replied: number;
                completed: number;
                completedOnTime: number;
                satisfactionRate: number | null;
                overdue: number;
                returned: number;
              };
              return [
                u.name,
                u.dispatched,
                u.signed,
                u.signedOnTime,
                u.replied,
                u.completed,
                u.completedOnTime,
                u.satisfactionRate,
                u.overdue,
                u.returned,
              ];
            }),
          };
        } else if (s.by === 'place') {
          sheet = {
            name: BY_NAMES[s.by],
            title,
            columns: ['区域', '受理', '办结', '在办（当前）', '超期（当前）'],
            rows: s.items.map((i) => {
              const a = i as unknown as {
                name: string;
                received: number;
                closed: number;
                openNow: number;
                overdueNow: number;
              };
              return [a.name, a.received, a.closed, a.openNow, a.overdueNow];
            }),
          };
        } else {
          sheet = {
            name: BY_NAMES[s.by],
            title,
            columns: [s.by === 'channel' ? '渠道' : '分类', '受理', '办结'],
            rows: s.items.map((i) => {
              const a = i as unknown as { name: string; received: number; closed: number };
              return [a.name, a.received, a.closed];
            }),
          };
        }
        return sendXlsx(reply, `${BY_NAMES[s.by]}-${s.org.name}-${s.from}至${s.to}`, [sheet]);
      },
    );

    app.get(
      '/dashboards/durations',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['dashboards'],
          summary: '分析研判：签收时长与办结时长分布',
          querystring: Type.Object(PeriodQuery),
        },
      },
      async (request, reply) => {
        const s = await dashboards.durations(principalOf(request), request.query);
        if (request.query.format !== 'xlsx') return s;
        const title = `${s.org.name} ${s.from} 至 ${s.to}`;
        return sendXlsx(reply, `时长分布-${s.org.name}-${s.from}至${s.to}`, [
          { name: '签收时长', title, columns: ['时长', '件数'], rows: s.sign.buckets.map((b) => [b.label, b.count]) },
          { name: '办结时长', title, columns: ['时长', '件数'], rows: s.close.buckets.map((b) => [b.label, b.count]) },
        ]);
      },
    );

    app.get(
      '/command/overview',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['dashboards'],
          summary: '三级指挥平台：今日数据、热点分类、超期清单、下级区域在办与超期（地图着色）',
          querystring: Type.Object({ orgId: Type.Optional(Type.Integer({ minimum: 1 })) }),
        },
      },
      async (request) => dashboards.commandOverview(principalOf(request), request.query.orgId),
    );
  };
