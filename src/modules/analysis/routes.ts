// HTTP routes of 分析研判: category suggestion, full-text search, similar cases, hotspots and spikes, repeat
// reporters and group risks.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../core/errors.js';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams } from '../../http/schemas.js';
import type { AppServices } from '../../services.js';

const Id = Type.Integer({ minimum: 1 });
const DateText = Type.String({ maxLength: 30, description: 'ISO 8601 date or date-time' });

export const analysisRoutes =
  (services: AppServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { analysis, categorySuggester } = services;

    app.post(
      '/analysis/classify',
      {
        config: {},
        schema: {
          tags: ['analysis'],
          summary: '智能分类：按诉求内容推荐一级、二级分类（带分数）及责任单位',
          body: Type.Object({
            text: Type.String({ description: '诉求内容，1–5000 字（首行若是标题，按标题计）' }),
            title: Type.Optional(Type.String({ maxLength: 200, description: '诉求标题（可选，比正文更重）' })),
            townId: Type.Optional(Id),
          }),
        },
      },
      async (request) => categorySuggester.classify(request.body.text, request.body.townId ?? null, request.body.title),
    );

    app.get(
      '/analysis/search',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['analysis'],
          summary: '案件全文检索（中文分词），带高亮，可与各筛选条件组合',
          querystring: Type.Object({
            q: Type.Optional(Type.String({ maxLength: 100 })),
            townId: Type.Optional(Id),
            categoryId: Type.Optional(Id),
            state: Type.Optional(Type.String({ maxLength: 40 })),
            channel: Type.Optional(Type.String({ maxLength: 40 })),
            from: Type.Optional(DateText),
            to: Type.Optional(DateText),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          }),
        },
      },
      async (request) => {
        for (const field of ['from', 'to'] as const) {
          const v = request.query[field];
          if (v && Number.isNaN(Date.parse(v))) {
            throw new AppError('VALIDATION_FAILED', {
              message: `日期格式不正确：${field}，请使用 2026-01-31 这样的格式`,
              details: { fields: [{ field, problem: 'date' }] },
            });
          }
        }
        return analysis.search(principalOf(request), request.query);
      },
    );

    app.get(
      '/cases/:id/similar',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['analysis'],
          summary: '相似案件：按文本与地点（同网格、同村社区、距离）排序，附相似原因',
          params: IdParams,
          querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) }),
        },
      },
      async (request) => analysis.similarToCase(principalOf(request), request.params.id, request.query.limit ?? 10),
    );

    app.post(
      '/analysis/similar',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['analysis'],
          summary: '登记时查重：近期附近未办结的相似案件（可一键合并）',
          body: Type.Object({
            text: Type.String({ maxLength: 5000 }),
            lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
            lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
            gridId: Type.Optional(Id),
            days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
          }),
        },
      },
      async (request) => analysis.similarOpen(principalOf(request), request.body),
    );

    app.get(
      '/analysis/hotspots',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['analysis'],
          summary: '热点与突增：本期案件量相对自身历史异常偏高的网格和事项，及其背后的案件',
          querystring: Type.Object({
            period: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')])),
            orgId: Type.Optional(Id),
            pThreshold: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 0.5 })),
            minCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
            minRatio: Type.Optional(Type.Number({ minimum: 1, maximum: 100 })),
          }),
        },
      },
      async (request) => {
        const { period, ...rest } = request.query;
        return analysis.hotspots(principalOf(request), {
          period: (period ?? 'week') as 'day' | 'week' | 'month',
          ...rest,
        });
      },
    );

    app.get(
      '/analysis/repeat-reporters',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['analysis'],
          summary: '重复来电/反映人：近期多次反映的号码（已脱敏）及其案件',
          querystring: Type.Object({
            days: Type.Optional(Type.Integer({ minimum: 1, maximum: 730 })),
            min: Type.Optional(Type.Integer({ minimum: 2, maximum: 1000 })),
            orgId: Type.Optional(Id),
          }),
        },
      },
      async (request) => analysis.repeatReporters(principalOf(request), request.query),
    );

    app.get(
      '/analysis/group-risks',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['analysis'],
          summary: '群体性风险：短期内多名群众反映同一事项（文本相似、地点相近）',
          querystring: Type.Object({
            days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
            minReporters: Type.Optional(Type.Integer({ minimum: 2, maximum: 100 })),
            orgId: Type.Optional(Id),
          }),
        },
      },
      async (request) => analysis.groupRisks(principalOf(request), request.query),
    );
  };
