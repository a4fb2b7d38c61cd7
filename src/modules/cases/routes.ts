// HTTP routes of the case lifecycle: intake by staff, lists and the inbox, one case, actions, notifications,
// live updates (server-sent events), and the citizen's own reports.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../core/errors.js';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams, Nullable } from '../../http/schemas.js';
import type { AppServices } from '../../services.js';
import { CASE_CHANNELS, INBOX_BOXES } from './case-views.js';
import { revealReporter } from './reveal-reporter.js';

const ActionBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  action: Type.Object({ type: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: true }),
});

export const CreateCaseBody = Type.Object({
  // video cases come only from the platforms' signed pushes (POST /api/video-events)
  channel: Type.Union(CASE_CHANNELS.filter((c) => c !== 'video').map((c) => Type.Literal(c))),
  title: Type.Optional(Type.String({ maxLength: 200 })),
  body: Type.String({ maxLength: 5000 }),
  categoryId: Type.Optional(Nullable(Type.Integer())),
  urgency: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('urgent')])),
  lat: Type.Optional(Nullable(Type.Number())),
  lng: Type.Optional(Nullable(Type.Number())),
  gridId: Type.Optional(Nullable(Type.Integer())),
  address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  reporter: Type.Optional(
    Type.Object({
      name: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
      phone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
      anonymous: Type.Optional(Type.Boolean()),
    }),
  ),
  attachmentIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
  clientToken: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
});

export const caseRoutes =
  (services: AppServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { cases, live } = services;

    app.post(
      '/cases',
      {
        config: { permission: 'case.create' },
        schema: { tags: ['cases'], summary: '登记新案件（工作人员受理、网格上报）', body: CreateCaseBody },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (principal.role === 'citizen') {
          throw new AppError('FORBIDDEN', { message: '群众请通过“一键反映”提交诉求' });
        }
        const { reporter, ...rest } = request.body;
        const result = await cases.create({ ...rest, reporter: { ...reporter, citizenUserId: null } }, principal);
        const detail = result.case ?? (await cases.get(result.id, principal));
        return reply.status(result.created ? 201 : 200).send(detail);
      },
    );

    app.get(
      '/cases',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['cases'],
          summary: '案件列表（按待办分类、状态、关键词筛选）',
          querystring: Type.Object({
            box: Type.Optional(Type.Union(INBOX_BOXES.map((b) => Type.Literal(b)))),
            q: Type.Optional(Type.String({ maxLength: 100 })),
            state: Type.Optional(Type.String({ maxLength: 30 })),
            categoryId: Type.Optional(Type.Integer()),
            sort: Type.Optional(Type.Union([Type.Literal('due'), Type.Literal('updated'), Type.Literal('reported')])),
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          }),
        },
      },
      async (request) => cases.list(principalOf(request), request.query),
    );

    app.get(
      '/inbox',
      { config: { permission: 'case.read' }, schema: { tags: ['cases'], summary: '我的待办：各类待办数量' } },
      async (request) => ({ boxes: await cases.inbox(principalOf(request)) }),
    );

    app.get(
      '/cases/:id',
      {
        config: { permission: 'case.read' },
        schema: { tags: ['cases'], summary: '案件详情（时间线、时限、可执行操作）', params: IdParams },
      },
      async (request) => cases.get(request.params.id, principalOf(request)),
    );

    // issue 18: the reporter's name and phone whole, for the handler who calls them back (audited)
    app.post(
      '/cases/:id/reporter/reveal',
      {
        config: { permission: 'case.handle' },
        schema: { tags: ['cases'], summary: '查看报告人完整姓名和电话（记入审计日志）', params: IdParams },
      },
      async (request) =>
        revealReporter(
          { db: services.db, crypto: cases.crypto, audit: services.audit },
          principalOf(request),
          request.params.id,
          request.ip,
        ),
    );

    app.post(
      '/cases/:id/actions',
      {
        config: { permission: 'case.handle' },
        schema: {
          tags: ['cases'],
          summary: '对案件执行一个操作（受理、派遣、签收、退单、答复……）',
          params: IdParams,
          body: ActionBody,
        },
      },
      async (request) => cases.act(request.params.id, request.body, principalOf(request)),
    );

    app.get(
      '/notifications',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['cases'],
          summary: '本单位的消息提醒',
          querystring: Type.Object({
            unread: Type.Optional(Type.Boolean()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          }),
        },
      },
      async (request) => services.notifications.list(principalOf(request), request.query),
    );

    app.post(
      '/notifications/read',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['cases'],
          summary: '标记消息为已读（不传 ids 则全部已读）',
          body: Type.Object({ ids: Type.Optional(Type.Array(Type.Integer(), { maxItems: 500 })) }),
        },
      },
      async (request) => services.notifications.markRead(principalOf(request), request.body.ids),
    );

    app.get(
      '/stream',
      { config: {}, schema: { tags: ['cases'], summary: '实时推送（server-sent events）：案件变化与消息' } },
      (request, reply) => {
        const principal = principalOf(request);
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        raw.write(': connected\n\n');
        const unsubscribe = live.subscribe(principal, (m) =>
          raw.write(`event: ${m.event}\ndata: ${JSON.stringify(m.data)}\n\n`),
        );
        const heartbeat = setInterval(() => raw.write(': ping\n\n'), 15_000);
        heartbeat.unref();
        request.raw.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
        });
      },
    );

    // The citizen's own reports.
    app.get(
      '/my/cases',
      { config: {}, schema: { tags: ['citizen'], summary: '我的反映（群众）' } },
      async (request) => ({ items: await cases.listForCitizen(principalOf(request).userId ?? -1) }),
    );
    app.get(
      '/my/cases/:id',
      { config: {}, schema: { tags: ['citizen'], summary: '我的一条反映（群众）', params: IdParams } },
      async (request) => cases.getForCitizen(request.params.id, principalOf(request).userId ?? -1),
    );
    app.post(
      '/my/cases/:id/actions',
      {
        config: {},
        schema: { tags: ['citizen'], summary: '评价或申诉自己的反映（群众）', params: IdParams, body: ActionBody },
      },
      async (request) => cases.actAsCitizen(request.params.id, request.body, principalOf(request)),
    );
  };
