// Routes of the smaller administrative capabilities: API keys, categories, calendar, clock, audit, home.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth-hooks.js';
import { IdParams, Nullable, Paging } from '../http/schemas.js';
import type { AppServices } from '../services.js';

export const adminRoutes =
  (services: AppServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { apiKeys, categories, calendar, clock, audit, home, config } = services;

    app.get(
      '/api-keys',
      { config: { permission: 'apikey.manage' }, schema: { tags: ['api-keys'], summary: 'API 密钥列表' } },
      async (request) => apiKeys.list(principalOf(request)),
    );
    app.post(
      '/api-keys',
      {
        config: { permission: 'apikey.manage', reauth: true }, // the password again (issue 18 §2)
        schema: {
          tags: ['api-keys'],
          summary: '新建 API 密钥（密钥只返回这一次）',
          body: Type.Object({
            name: Type.String({ minLength: 1, maxLength: 100 }),
            orgId: Type.Integer({ minimum: 1 }),
            permissions: Type.Array(Type.String(), { minItems: 1, maxItems: 10 }),
          }),
        },
      },
      async (request, reply) => reply.status(201).send(await apiKeys.create(principalOf(request), request.body)),
    );
    app.delete(
      '/api-keys/:id',
      {
        config: { permission: 'apikey.manage' },
        schema: { tags: ['api-keys'], summary: '吊销 API 密钥', params: IdParams },
      },
      async (request, reply) => {
        await apiKeys.revoke(principalOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.get('/categories', { schema: { tags: ['categories'], summary: '事项分类（三级）及责任单位' } }, async () =>
      categories.list(),
    );
    app.post(
      '/categories',
      {
        config: { permission: 'category.manage' },
        schema: {
          tags: ['categories'],
          summary: '新建分类',
          body: Type.Object({
            name: Type.String({ minLength: 1, maxLength: 50 }),
            parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
            family: Type.Union([Type.Literal('hotline'), Type.Literal('governance')]),
            responsibleOrgId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
          }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await categories.create(principalOf(request), {
            ...request.body,
            family: request.body.family as 'hotline' | 'governance',
          }),
        ),
    );
    app.patch(
      '/categories/:id',
      {
        config: { permission: 'category.manage' },
        schema: {
          tags: ['categories'],
          summary: '修改分类（名称、启用、责任单位）',
          params: IdParams,
          body: Type.Object({
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
            active: Type.Optional(Type.Boolean()),
            responsibleOrgId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
          }),
        },
      },
      async (request) => categories.update(principalOf(request), request.params.id, request.body),
    );

    app.get(
      '/calendar',
      {
        schema: {
          tags: ['calendar'],
          summary: '节假日与调休工作日',
          querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
        },
      },
      async (request) => calendar.year(request.query.year ?? clock.now().getUTCFullYear()),
    );
    app.put(
      '/calendar/:day',
      {
        config: { permission: 'calendar.manage' },
        schema: {
          tags: ['calendar'],
          summary: '设置某日为节假日或调休工作日',
          params: Type.Object({ day: Type.String({ maxLength: 10 }) }),
          body: Type.Object({
            kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')]),
            name: Type.String({ minLength: 1, maxLength: 40 }),
          }),
        },
      },
      async (request) =>
        calendar.put(
          principalOf(request),
          request.params.day,
          request.body.kind as 'holiday' | 'workday',
          request.body.name,
        ),
    );
    app.delete(
      '/calendar/:day',
      {
        config: { permission: 'calendar.manage' },
        schema: {
          tags: ['calendar'],
          summary: '删除日历条目',
          params: Type.Object({ day: Type.String({ maxLength: 10 }) }),
        },
      },
      async (request, reply) => {
        await calendar.remove(principalOf(request), request.params.day);
        return reply.status(204).send();
      },
    );

    const clockView = () => ({
      now: clock.now().toISOString(),
      adjustable: clock.adjustable,
      offsetMs: clock.offsetMs(),
      mode: config.mode,
    });
    app.get(
      '/clock',
      { config: { public: true }, schema: { tags: ['clock'], summary: '系统时间（演示模式下可推进）' } },
      async () => {
        await clock.refresh();
        return clockView();
      },
    );
    app.post(
      '/clock/advance',
      {
        config: { permission: 'clock.advance' },
        schema: {
          tags: ['clock'],
          summary: '推进演示时钟（生产模式拒绝）',
          body: Type.Object({
            minutes: Type.Optional(Type.Number({ minimum: 0 })),
            hours: Type.Optional(Type.Number({ minimum: 0 })),
            days: Type.Optional(Type.Number({ minimum: 0 })),
          }),
        },
      },
      async (request) => {
        const { minutes = 0, hours = 0, days = 0 } = request.body;
        const ms = Math.round((minutes + hours * 60 + days * 1440) * 60_000);
        const before = clock.now();
        await clock.advance(ms);
        await audit.record(principalOf(request), {
          action: 'clock.advance',
          details: { from: before.toISOString(), to: clock.now().toISOString(), ms },
        });
        return clockView();
      },
    );

    app.get(
      '/audit',
      {
        config: { permission: 'audit.read' },
        schema: { tags: ['audit'], summary: '审计日志', querystring: Type.Object({ ...Paging }) },
      },
      async (request) =>
        audit.list(principalOf(request), { limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }),
    );

    app.get('/home', { schema: { tags: ['home'], summary: '首页概况（按角色与管辖范围）' } }, async (request) =>
      home.summary(principalOf(request)),
    );
  };
