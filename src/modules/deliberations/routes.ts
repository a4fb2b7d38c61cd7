// HTTP routes of deliberation (议事): /api/deliberations for staff (stations and members, the topic queue, a
// topic's actions, comment moderation), /api/my/deliberations for residents on the phone (raise, comment,
// vote, withdraw), and the public page of a village (no sign-in).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { STATION_KINDS, TOPIC_ACTION_TYPES } from '../../domain/deliberation/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams, Nullable } from '../../http/schemas.js';
import type { DeliberationService } from './deliberation-service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Version = Type.Integer({ minimum: 1 });
const Instant = Type.String({ maxLength: 40, description: 'ISO 8601' });
const tags = ['deliberations'];
const BOXES = ['to_accept', 'to_hear', 'voting', 'to_decide', 'implementing', 'closed', 'comments', 'all'] as const;

const StationBody = Type.Object({
  kind: literals(STATION_KINDS),
  name: Type.String({ minLength: 1, maxLength: 50 }),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  quorumPercent: Type.Integer({ minimum: 0, maximum: 100 }),
  passPercent: Type.Integer({ minimum: 1, maximum: 99 }),
  active: Type.Optional(Type.Boolean()),
});
const TopicBody = Type.Object({
  stationId: Type.Integer({ minimum: 1 }),
  title: Type.String({ maxLength: 200 }),
  proposal: Type.String({ maxLength: 5000 }),
  background: Type.Optional(Type.String({ maxLength: 5000 })),
  options: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 })),
  attachmentIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 9 })),
});
const ActionBody = Type.Object({
  version: Version,
  action: Type.Object({
    type: literals(TOPIC_ACTION_TYPES),
    note: Type.Optional(Type.String({ maxLength: 5000 })),
    reason: Type.Optional(Type.String({ maxLength: 5000 })),
    hearingAt: Type.Optional(Instant),
    place: Type.Optional(Type.String({ maxLength: 200 })),
    hearing: Type.Optional(
      Type.Object({
        at: Instant,
        place: Type.Optional(Type.String({ maxLength: 200 })),
        participants: Type.String({ maxLength: 5000 }),
        notes: Type.String({ maxLength: 5000 }),
      }),
    ),
    opensAt: Type.Optional(Instant),
    closesAt: Type.Optional(Instant),
    decision: Type.Optional(Type.String({ maxLength: 5000 })),
    followUps: Type.Optional(
      Type.Array(
        Type.Object({
          title: Type.String({ maxLength: 200 }),
          ownerOrgId: Type.Integer({ minimum: 1 }),
          dueAt: Instant,
        }),
        { maxItems: 20 },
      ),
    ),
    outcome: Type.Optional(Type.String({ maxLength: 5000 })),
  }),
});

export const deliberationRoutes =
  (deps: { deliberations: DeliberationService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { deliberations } = deps;
    const read = { permission: 'deliberation.read' as const };
    const manage = { permission: 'deliberation.manage' as const };
    const own = { permission: 'deliberation.own' as const };

    // ── stations and members ──
    app.get(
      '/deliberations/stations',
      {
        config: read,
        schema: {
          tags,
          summary: '议事站及其成员（本级及下级村社区）',
          querystring: Type.Object({ villageId: Type.Optional(Type.Integer({ minimum: 1 })) }),
        },
      },
      async (request) => ({ items: await deliberations.stations(principalOf(request), request.query.villageId) }),
    );
    app.post(
      '/deliberations/stations',
      {
        config: manage,
        schema: {
          tags,
          summary: '新建议事站（五老议事站、说事评理站、群众评议站 …）',
          body: Type.Object({ ...StationBody.properties, villageId: Type.Integer({ minimum: 1 }) }),
        },
      },
      async (request, reply) => {
        const { villageId, ...fields } = request.body;
        return reply
          .status(201)
          .send({ id: await deliberations.createStation(principalOf(request), villageId, fields) });
      },
    );
    app.patch(
      '/deliberations/stations/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改议事站（名称、表决规则、停用）',
          params: IdParams,
          body: Type.Object({ ...Type.Partial(StationBody).properties, version: Version }),
        },
      },
      async (request) => {
        await deliberations.updateStation(principalOf(request), request.params.id, request.body);
        return { ok: true };
      },
    );
    app.post(
      '/deliberations/stations/:id/members',
      {
        config: manage,
        schema: {
          tags,
          summary: '添加议事站成员',
          params: IdParams,
          body: Type.Object({
            name: Type.String({ minLength: 1, maxLength: 50 }),
            title: Type.Optional(Type.String({ maxLength: 50 })),
            phone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
          }),
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send({ id: await deliberations.addMember(principalOf(request), request.params.id, request.body) }),
    );
    app.delete(
      '/deliberations/stations/:id/members/:memberId',
      {
        config: manage,
        schema: {
          tags,
          summary: '移除议事站成员',
          params: Type.Object({ id: Type.Integer({ minimum: 1 }), memberId: Type.Integer({ minimum: 1 }) }),
        },
      },
      async (request) => {
        await deliberations.removeMember(principalOf(request), request.params.id, request.params.memberId);
        return { ok: true };
      },
    );

    // ── topics ──
    app.get(
      '/deliberations/topics',
      {
        config: read,
        schema: {
          tags,
          summary: '议题列表及各状态数量',
          querystring: Type.Object({
            box: Type.Optional(literals(BOXES)),
            villageId: Type.Optional(Type.Integer({ minimum: 1 })),
            stationId: Type.Optional(Type.Integer({ minimum: 1 })),
            q: Type.Optional(Type.String({ maxLength: 100 })),
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          }),
        },
      },
      async (request) => deliberations.topics(principalOf(request), request.query),
    );
    app.post(
      '/deliberations/topics',
      { config: manage, schema: { tags, summary: '工作人员代为提出议题', body: TopicBody } },
      async (request, reply) => reply.status(201).send(await deliberations.raise(principalOf(request), request.body)),
    );
    app.get(
      '/deliberations/topics/:id',
      { config: read, schema: { tags, summary: '议题详情（表决结束前不显示票数）', params: IdParams } },
      async (request) => deliberations.topic(principalOf(request), request.params.id),
    );
    app.post(
      '/deliberations/topics/:id/actions',
      {
        config: manage,
        schema: {
          tags,
          summary: '办理议题：受理、排期、议事记录、表决、决定、交办、办结',
          params: IdParams,
          body: ActionBody,
        },
      },
      async (request) => deliberations.act(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/deliberations/comments/:id/moderation',
      {
        config: manage,
        schema: {
          tags,
          summary: '审核群众意见（公开或不予公开并说明理由）',
          params: IdParams,
          body: Type.Object({ approve: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 500 })) }),
        },
      },
      async (request) => {
        await deliberations.moderate(principalOf(request), request.params.id, request.body);
        return { ok: true };
      },
    );

    // ── the resident on the phone ──
    app.get(
      '/my/deliberations',
      { config: own, schema: { tags, summary: '我村的议事站与议题（本村登记农户）' } },
      async (request) => deliberations.mine(principalOf(request)),
    );
    app.post(
      '/my/deliberations/topics',
      { config: own, schema: { tags, summary: '群众提出议题', body: TopicBody } },
      async (request, reply) => reply.status(201).send(await deliberations.raise(principalOf(request), request.body)),
    );
    app.get(
      '/my/deliberations/topics/:id',
      { config: own, schema: { tags, summary: '我村议题详情（表决结束前不显示票数）', params: IdParams } },
      async (request) => deliberations.topic(principalOf(request), request.params.id),
    );
    app.post(
      '/my/deliberations/topics/:id/comments',
      {
        config: own,
        schema: {
          tags,
          summary: '发表意见（审核后公开）',
          params: IdParams,
          body: Type.Object({ body: Type.String({ maxLength: 1000 }) }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deliberations.comment(principalOf(request), request.params.id, request.body.body)),
    );
    app.post(
      '/my/deliberations/topics/:id/vote',
      {
        config: own,
        schema: {
          tags,
          summary: '投票（每位本村登记群众一票，无记名）',
          params: IdParams,
          body: Type.Object({ choice: Type.String({ maxLength: 20 }) }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deliberations.vote(principalOf(request), request.params.id, request.body.choice)),
    );
    app.post(
      '/my/deliberations/topics/:id/withdraw',
      {
        config: own,
        schema: {
          tags,
          summary: '撤回自己提出、尚未受理的议题',
          params: IdParams,
          body: Type.Object({ version: Version, reason: Type.Optional(Type.String({ maxLength: 500 })) }),
        },
      },
      async (request) =>
        deliberations.act(principalOf(request), request.params.id, {
          version: request.body.version,
          action: { type: 'withdraw', reason: request.body.reason },
        }),
    );

    // ── the public page ──
    app.get(
      '/public/deliberations/villages/:id',
      {
        config: { public: true },
        schema: { tags, summary: '村社区议事公开栏（无需登录；不含个人信息）', params: IdParams },
      },
      async (request) => deliberations.board(request.params.id),
    );
  };
