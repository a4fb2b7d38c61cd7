// HTTP routes of 物业亮星 and 执法亮剑 (/api/party/ratings): property companies and compounds, linked cases, the
// category setting, the monthly recompute by hand; a resident's monthly rating from the phone; the public boards
// /api/party/ratings/public/compounds and /api/party/ratings/public/enforcement (no sign-in).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams } from '../../http/schemas.js';
import type { PropertyRatingService } from './property-rating-service.js';

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const tags = ['party-ratings'];

export const partyRatingRoutes =
  (deps: { partyRatings: PropertyRatingService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const service = deps.partyRatings;
    const read = { permission: 'propertyrating.read' as const };
    const manage = { permission: 'propertyrating.manage' as const };
    const own = { permission: 'propertyrating.own' as const };

    app.get('/party/ratings/companies', { config: read, schema: { tags, summary: '物业企业' } }, async (request) => ({
      items: await service.companies(principalOf(request)),
    }));
    app.post(
      '/party/ratings/companies',
      {
        config: manage,
        schema: {
          tags,
          summary: '登记物业企业',
          body: Type.Object({
            name: Type.String({ minLength: 1, maxLength: 100 }),
            contactName: Type.Optional(Type.String({ maxLength: 50 })),
            phone: Type.Optional(Type.String({ maxLength: 20 })),
          }),
        },
      },
      async (request, reply) => reply.status(201).send(await service.createCompany(principalOf(request), request.body)),
    );
    app.get(
      '/party/ratings/compounds',
      {
        config: read,
        schema: {
          tags,
          summary: '小区及最新星级',
          querystring: Type.Object({ villageId: Type.Optional(Type.Integer({ minimum: 1 })) }),
        },
      },
      async (request) => ({ items: await service.compounds(principalOf(request), request.query) }),
    );
    app.post(
      '/party/ratings/compounds',
      {
        config: manage,
        schema: {
          tags,
          summary: '登记小区（所在社区、网格、物业企业）',
          body: Type.Object({
            villageId: Type.Integer({ minimum: 1 }),
            companyId: Type.Integer({ minimum: 1 }),
            name: Type.String({ minLength: 1, maxLength: 100 }),
            gridIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 20 }),
          }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.createCompound(principalOf(request), request.body)),
    );
    app.get(
      '/party/ratings/compounds/:id',
      { config: read, schema: { tags, summary: '小区逐月星级、各项指标与计算公式', params: IdParams } },
      async (request) => service.compound(principalOf(request), request.params.id),
    );
    app.post(
      '/party/ratings/compounds/:id/cases',
      {
        config: manage,
        schema: {
          tags,
          summary: '将诉求关联到小区',
          params: IdParams,
          body: Type.Object({ caseId: Type.Integer({ minimum: 1 }) }),
        },
      },
      async (request) => {
        await service.linkCase(principalOf(request), request.params.id, request.body.caseId);
        return { ok: true };
      },
    );
    app.get('/party/ratings/settings', { config: read, schema: { tags, summary: '物业类事项分类设置' } }, async () =>
      service.settings(),
    );
    app.put(
      '/party/ratings/settings',
      {
        config: manage,
        schema: {
          tags,
          summary: '设置物业类事项分类（县平台）',
          body: Type.Object({ categories: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 50 }) }),
        },
      },
      async (request) => service.saveSettings(principalOf(request), request.body.categories),
    );
    app.post(
      '/party/ratings/recompute',
      {
        config: manage,
        schema: { tags, summary: '手动重新计算某月星级（本辖区小区）', body: Type.Object({ month: Month }) },
      },
      async (request) => service.recompute(principalOf(request), request.body.month),
    );

    // ── residents ──
    app.get(
      '/party/ratings/my/compounds',
      { config: own, schema: { tags, summary: '可评价的小区及本月我的评价' } },
      async (request) => service.myCompounds(principalOf(request)),
    );
    app.post(
      '/party/ratings/my/compounds/:id/ratings',
      {
        config: own,
        schema: {
          tags,
          summary: '居民评价小区物业服务（1–5 星，每月一次）',
          params: IdParams,
          body: Type.Object({ stars: Type.Number(), comment: Type.Optional(Type.String({ maxLength: 500 })) }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.rate(principalOf(request), request.params.id, request.body)),
    );

    // ── public boards ──
    app.get(
      '/party/ratings/public/compounds',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '物业亮星公示（各小区星级，无需登录）',
          querystring: Type.Object({ month: Type.Optional(Month) }),
        },
      },
      async (request) => service.publicCompounds(request.query.month),
    );
    app.get(
      '/party/ratings/public/enforcement',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '执法亮剑公示（综合行政执法办理结果，已去除个人信息，无需登录）',
          querystring: Type.Object({
            townId: Type.Optional(Type.Integer({ minimum: 1 })),
            month: Type.Optional(Month),
          }),
        },
      },
      async (request) => service.publicEnforcement(request.query),
    );
  };
