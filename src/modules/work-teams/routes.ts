// HTTP routes of 工作专班 (/api/work-teams): list, form, read, edit and end a team, assign its tasks, and the
// leader's overview. The routes receive only the service they use.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DURATION_UNITS } from '../../domain/calendar/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams, Nullable } from '../../http/schemas.js';
import type { WorkTeamService } from './work-team-service.js';

const Day = Type.String({ maxLength: 10, description: 'YYYY-MM-DD (China calendar day)' });

const TeamFields = {
  name: Type.String({ maxLength: 200 }),
  topic: Type.Optional(Type.String({ maxLength: 5000 })),
  leadUserId: Type.Integer({ minimum: 1, description: '专班组长（县领导账号）' }),
  startDate: Day,
  endDate: Day,
  units: Type.Array(
    Type.Object({
      orgId: Type.Integer({ minimum: 1 }),
      contactName: Type.String({ maxLength: 100 }),
      contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    }),
    { maxItems: 200 },
  ),
  members: Type.Optional(
    Type.Array(
      Type.Object({
        name: Type.String({ maxLength: 100 }),
        orgId: Type.Integer({ minimum: 1 }),
        role: Type.String({ maxLength: 100 }),
        phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
      }),
      { maxItems: 500 },
    ),
  ),
};

const body = <T extends { topic?: string; members?: unknown[] }>(b: T) => ({
  ...b,
  topic: b.topic ?? '',
  members: (b.members ?? []) as NonNullable<T['members']>,
});

export const workTeamRoutes =
  (deps: { workTeams: WorkTeamService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { workTeams } = deps;

    app.get(
      '/work-teams',
      {
        config: { permission: 'workteam.read' },
        schema: {
          tags: ['work-teams'],
          summary: '工作专班列表（本单位牵头或参加的专班，运行中的在前）',
          querystring: Type.Object({
            state: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('ended')])),
            q: Type.Optional(Type.String({ maxLength: 100 })),
          }),
        },
      },
      async (request) => workTeams.list(principalOf(request), request.query),
    );

    app.post(
      '/work-teams',
      {
        config: { permission: 'workteam.manage' },
        schema: {
          tags: ['work-teams'],
          summary: '成立工作专班（同时生成本周各成员单位的周报任务）',
          body: Type.Object({ ...TeamFields, organiserOrgId: Type.Optional(Type.Integer({ minimum: 1 })) }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await workTeams.create(principalOf(request), body(request.body))),
    );

    app.get(
      '/work-teams/:id',
      {
        config: { permission: 'workteam.read' },
        schema: { tags: ['work-teams'], summary: '一个工作专班：成员单位、成员、历史', params: IdParams },
      },
      async (request) => workTeams.get(principalOf(request), request.params.id),
    );

    app.put(
      '/work-teams/:id',
      {
        config: { permission: 'workteam.manage' },
        schema: {
          tags: ['work-teams'],
          summary: '修改工作专班（带上读取时的 version；已被他人修改时 409）',
          params: IdParams,
          body: Type.Object({ ...TeamFields, version: Type.Integer({ minimum: 1 }) }),
        },
      },
      async (request) => workTeams.edit(principalOf(request), request.params.id, body(request.body)),
    );

    app.post(
      '/work-teams/:id/end',
      {
        config: { permission: 'workteam.manage' },
        schema: {
          tags: ['work-teams'],
          summary: '结束工作专班（此后不再生成周报任务）',
          params: IdParams,
          body: Type.Object({
            version: Type.Integer({ minimum: 1 }),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          }),
        },
      },
      async (request) => workTeams.end(principalOf(request), request.params.id, request.body),
    );

    app.post(
      '/work-teams/:id/tasks',
      {
        config: { permission: 'workteam.manage' },
        schema: {
          tags: ['work-teams'],
          summary: '专班交办任务（责任单位须为成员单位；完成期限为日期时间或办理时限，二选一）',
          params: IdParams,
          body: Type.Object({
            title: Type.String({ minLength: 1, maxLength: 200 }),
            description: Type.Optional(Type.String({ maxLength: 5000 })),
            ownerOrgId: Type.Integer({ minimum: 1 }),
            assistingOrgIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 30 })),
            dueAt: Type.Optional(Type.String({ format: 'date-time' })),
            limit: Type.Optional(
              Type.Object({
                amount: Type.Number({ exclusiveMinimum: 0, maximum: 10000 }),
                unit: Type.Union(DURATION_UNITS.map((u) => Type.Literal(u))),
              }),
            ),
            attachmentIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
          }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await workTeams.assignTask(principalOf(request), request.params.id, request.body)),
    );

    app.get(
      '/work-teams/:id/overview',
      {
        config: { permission: 'workteam.read' },
        schema: {
          tags: ['work-teams'],
          summary: '专班总览：全部任务（逾期在前）、各成员单位周报按时/逾期/未报、每周按时率',
          params: IdParams,
        },
      },
      async (request) => workTeams.overview(principalOf(request), request.params.id),
    );
  };
