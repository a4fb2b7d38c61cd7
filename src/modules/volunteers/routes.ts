// HTTP routes of volunteering (/api/volunteers): staff's activities, teams, volunteers, a volunteer's record
// (the certificate), statistics and their spreadsheet; the volunteer's own part on the phone under
// /api/volunteers/my (register, join a team, sign up, cancel, check in and out).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ACTIVITY_ACTIONS, ACTIVITY_STATES } from '../../domain/volunteer/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams, Nullable } from '../../http/schemas.js';
import { toXlsx } from '../dashboards/xlsx.js';
import { ACTIVITY_SOURCES } from './create-activity.js';
import type { VolunteerService } from './volunteer-service.js';
import { statsSheets } from './volunteer-stats.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const tags = ['volunteers'];
const Id = Type.Integer({ minimum: 1 });
const Site = Type.Object({
  lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
});
const ActivityBody = Type.Object({
  title: Type.String({ maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  place: Type.String({ maxLength: 200 }),
  lat: Type.Optional(Nullable(Type.Number())),
  lng: Type.Optional(Nullable(Type.Number())),
  startsAt: Type.String({ maxLength: 40 }),
  endsAt: Type.String({ maxLength: 40 }),
  capacity: Type.Integer(),
  skills: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 20 })),
  orgId: Type.Optional(Id),
  villageId: Type.Optional(Nullable(Id)),
  teamId: Type.Optional(Nullable(Id)),
  awardPoints: Type.Optional(Type.Boolean()),
  publish: Type.Optional(Type.Boolean()),
  source: Type.Optional(Nullable(Type.Object({ kind: literals(ACTIVITY_SOURCES), id: Id }))),
});

export const volunteerRoutes =
  (deps: { volunteers: VolunteerService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { volunteers } = deps;
    const read = { permission: 'volunteer.read' as const };
    const manage = { permission: 'volunteer.manage' as const };
    const own = { permission: 'volunteer.own' as const };

    // ── staff ──
    app.get(
      '/volunteers/activities',
      {
        config: read,
        schema: {
          tags,
          summary: '志愿活动（本辖区；可按状态、村社区、来源案件/任务/纠纷筛选）',
          querystring: Type.Object({
            state: Type.Optional(literals(ACTIVITY_STATES)),
            villageId: Type.Optional(Id),
            sourceKind: Type.Optional(literals(ACTIVITY_SOURCES)),
            sourceId: Type.Optional(Id),
            q: Type.Optional(Type.String({ maxLength: 50 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            offset: Type.Optional(Type.Integer({ minimum: 0 })),
          }),
        },
      },
      async (request) => volunteers.activities(principalOf(request), request.query),
    );
    app.post(
      '/volunteers/activities',
      {
        config: manage,
        schema: { tags, summary: '发起志愿活动（草稿，或 publish=true 直接发布报名）', body: ActivityBody },
      },
      async (request, reply) =>
        reply.status(201).send(await volunteers.createActivity(principalOf(request), request.body)),
    );
    app.get(
      '/volunteers/activities/:id',
      { config: read, schema: { tags, summary: '志愿活动详情（报名、签到签退、时长、历史）', params: IdParams } },
      async (request) => volunteers.activity(principalOf(request), request.params.id),
    );
    app.post(
      '/volunteers/activities/:id/actions',
      {
        config: manage,
        schema: {
          tags,
          summary: '发布报名 / 开始 / 结束 / 取消活动',
          params: IdParams,
          body: Type.Object({
            version: Type.Integer({ minimum: 1 }),
            action: literals(ACTIVITY_ACTIONS),
            reason: Type.Optional(Type.String({ maxLength: 500 })),
          }),
        },
      },
      async (request) => volunteers.act(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/volunteers/activities/:id/signups/:signupId/confirm-hours',
      {
        config: manage,
        schema: {
          tags,
          summary: '活动结束后为未签退的志愿者确认时长（计至活动结束；重复确认不重复计时）',
          params: Type.Object({ id: Id, signupId: Id }),
        },
      },
      async (request) => volunteers.confirmHours(principalOf(request), request.params.id, request.params.signupId),
    );
    app.get(
      '/volunteers/teams',
      { config: read, schema: { tags, summary: '志愿服务队（本辖区）' } },
      async (request) => ({ items: await volunteers.teams(principalOf(request)) }),
    );
    app.post(
      '/volunteers/teams',
      {
        config: manage,
        schema: {
          tags,
          summary: '成立志愿服务队（属于本单位或下级村社区）',
          body: Type.Object({
            orgId: Type.Optional(Id),
            name: Type.String({ maxLength: 100 }),
            leaderName: Type.Optional(Type.String({ maxLength: 30 })),
            intro: Type.Optional(Type.String({ maxLength: 500 })),
            open: Type.Optional(Type.Boolean()),
          }),
        },
      },
      async (request, reply) => reply.status(201).send(await volunteers.createTeam(principalOf(request), request.body)),
    );
    app.get(
      '/volunteers/people',
      {
        config: read,
        schema: {
          tags,
          summary: '志愿者名册（本辖区村社区或本单位服务队的志愿者；手机号脱敏）',
          querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 30 })), villageId: Type.Optional(Id) }),
        },
      },
      async (request) => volunteers.volunteers(principalOf(request), request.query),
    );
    app.get(
      '/volunteers/people/:id/record',
      { config: read, schema: { tags, summary: '志愿者服务记录（时长证明）', params: IdParams } },
      async (request) => volunteers.record(principalOf(request), request.params.id),
    );
    app.get(
      '/volunteers/stats',
      {
        config: read,
        schema: {
          tags,
          summary: '志愿服务统计：按村社区、按月的活动场次、参与人数、服务时长（format=xlsx 导出）',
          querystring: Type.Object({
            year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
            format: Type.Optional(literals(['json', 'xlsx'] as const)),
          }),
        },
      },
      async (request, reply) => {
        const stats = await volunteers.stats(principalOf(request), request.query.year);
        if (request.query.format !== 'xlsx') return stats;
        const body = await toXlsx(statsSheets(stats));
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename*=UTF-8''${encodeURIComponent(`志愿服务统计-${stats.year}.xlsx`)}`,
          )
          .send(body);
      },
    );

    // ── the volunteer on the phone ──
    app.get(
      '/volunteers/my',
      { config: own, schema: { tags, summary: '我的志愿服务：资料、可报名活动、我的报名与时长' } },
      async (request) => volunteers.mine(principalOf(request)),
    );
    app.get(
      '/volunteers/my/villages',
      { config: own, schema: { tags, summary: '注册时可选的村（社区）' } },
      async () => ({ items: await volunteers.villages() }),
    );
    app.get(
      '/volunteers/my/teams',
      { config: own, schema: { tags, summary: '可加入的志愿服务队' } },
      async (request) => ({ items: await volunteers.teams(principalOf(request)) }),
    );
    app.put(
      '/volunteers/my/profile',
      {
        config: own,
        schema: {
          tags,
          summary: '注册志愿者或修改资料',
          body: Type.Object({
            name: Type.String({ maxLength: 60 }),
            skills: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
            intro: Type.Optional(Type.String({ maxLength: 1000 })),
            villageId: Type.Optional(Nullable(Id)),
          }),
        },
      },
      async (request) => volunteers.register(principalOf(request), request.body),
    );
    app.get(
      '/volunteers/my/record',
      { config: own, schema: { tags, summary: '我的志愿服务记录（时长证明）' } },
      async (request) => volunteers.record(principalOf(request), 'me'),
    );
    app.post(
      '/volunteers/my/teams/:id/join',
      { config: own, schema: { tags, summary: '加入志愿服务队', params: IdParams } },
      async (request) => volunteers.join(principalOf(request), request.params.id),
    );
    app.post(
      '/volunteers/my/teams/:id/leave',
      { config: own, schema: { tags, summary: '退出志愿服务队', params: IdParams } },
      async (request) => volunteers.leave(principalOf(request), request.params.id),
    );
    app.post(
      '/volunteers/my/activities/:id/sign-up',
      { config: own, schema: { tags, summary: '报名志愿活动（名额已满返回 409）', params: IdParams } },
      async (request) => volunteers.signUp(principalOf(request), request.params.id),
    );
    app.post(
      '/volunteers/my/activities/:id/cancel',
      { config: own, schema: { tags, summary: '取消报名（活动开始前）', params: IdParams } },
      async (request) => volunteers.cancelSignup(principalOf(request), request.params.id),
    );
    app.post(
      '/volunteers/my/activities/:id/check-in',
      { config: own, schema: { tags, summary: '现场签到（位置与时间）', params: IdParams, body: Site } },
      async (request) => volunteers.checkIn(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/volunteers/my/activities/:id/check-out',
      { config: own, schema: { tags, summary: '签退并计入服务时长（只计一次）', params: IdParams, body: Site } },
      async (request) => volunteers.checkOut(principalOf(request), request.params.id, request.body),
    );
  };
