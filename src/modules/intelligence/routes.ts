// HTTP routes of 智能分类 · 智能派单 (issue 19): a case's suggestion and the dispatcher's decision, the county's
// 智能派单 setting with its threshold table, the counts per category.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams } from '../../http/schemas.js';
import type { AppServices } from '../../services.js';

export const intelligenceRoutes =
  (services: AppServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { intelligence } = services;

    app.get(
      '/intelligence/cases/:id/suggestion',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['intelligence'],
          summary: '案件的智能分类建议（分类、置信度、得分、建议承办单位、是否智能派单）与地址匹配结果',
          params: IdParams,
        },
      },
      async (request) => {
        const suggestion = await intelligence.suggestion(request.params.id, principalOf(request));
        return { suggestion, location: await intelligence.location(request.params.id) };
      },
    );

    app.post(
      '/intelligence/cases/:id/suggestion/decide',
      {
        config: { permission: 'case.handle' },
        schema: {
          tags: ['intelligence'],
          summary: '采纳或纠正智能分类建议：设置案件分类（与建议相同为采纳，不同为纠正）',
          params: IdParams,
          body: Type.Object({
            version: Type.Integer({ minimum: 1, description: '调用方看到的案件版本' }),
            categoryId: Type.Integer({ minimum: 1 }),
          }),
        },
      },
      async (request) => intelligence.decide(request.params.id, request.body, principalOf(request)),
    );

    app.get(
      '/intelligence/warnings',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['intelligence'],
          summary: '近期预警（群体性风险、突增）：本辖区（或其下某区域）有案件的预警，附本人可见的案件',
          querystring: Type.Object({
            orgId: Type.Optional(Type.Integer({ minimum: 1, description: '辖区内的区域（指挥平台下钻）' })),
            days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 30 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          }),
        },
      },
      async (request) => intelligence.warnings(principalOf(request), request.query),
    );

    app.get(
      '/intelligence/settings',
      {
        config: { permission: 'case.read' },
        schema: { tags: ['intelligence'], summary: '本县智能派单设置（默认关闭）' },
      },
      async (request) => intelligence.settings(principalOf(request)),
    );

    app.put(
      '/intelligence/settings',
      {
        config: { permission: 'category.manage' },
        schema: {
          tags: ['intelligence'],
          summary: '修改本县智能派单设置（县级管理员）',
          body: Type.Object({
            autoDispatch: Type.Boolean(),
            threshold: Type.Number({ minimum: 0.5, maximum: 1 }),
          }),
        },
      },
      async (request) => intelligence.updateSettings(principalOf(request), request.body),
    );

    app.get(
      '/intelligence/thresholds',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['intelligence'],
          summary: '各阈值下将被智能派单的比例与准确率（标注数据交叉验证、本县已核定案件）',
        },
      },
      async (request) => intelligence.thresholds(principalOf(request)),
    );

    app.get(
      '/intelligence/stats',
      {
        config: { permission: 'case.read' },
        schema: { tags: ['intelligence'], summary: '按分类统计：建议、采纳、纠正、智能派单、退单' },
      },
      async (request) => ({ items: await intelligence.stats(principalOf(request)) }),
    );
  };
