// HTTP routes of 双报到 (/api/party/service): units and in-service members registered with communities (the
// community confirms), the communities' needs (publish, claim, record done, rate, cancel), the units' yearly
// reports (county; xlsx); /api/party/service/my/… the in-service member's phone.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NEED_ACTIONS, NEED_KINDS, NEED_STATES, REGISTRATION_STATES } from '../../domain/party-service/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { DayString, IdParams } from '../../http/schemas.js';
import type { DoubleReportService } from './double-report-service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Day = DayString({ description: 'YYYY-MM-DD' });
const Version = Type.Integer({ minimum: 1 });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const tags = ['party-service'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const RegistrationQuery = Type.Object({
  villageId: Type.Optional(Type.Integer({ minimum: 1 })),
  state: Type.Optional(literals(REGISTRATION_STATES)),
});
const Decision = Type.Object({ version: Version, decision: literals(['confirm', 'decline'] as const) });
const NeedAction = Type.Object({
  version: Version,
  action: Type.Object({
    type: literals(NEED_ACTIONS),
    hours: Type.Optional(Type.Number({ minimum: 0, maximum: 100000 })),
    result: Type.Optional(Type.String({ maxLength: 2000 })),
    rating: Type.Optional(Type.Number()),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  }),
});

export const partyServiceRoutes =
  (deps: { partyService: DoubleReportService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const service = deps.partyService;
    const read = { permission: 'partyservice.read' as const };
    const join = { permission: 'partyservice.join' as const };
    const manage = { permission: 'partyservice.manage' as const };
    const report = { permission: 'partyservice.report' as const };
    const own = { permission: 'partyservice.own' as const };

    // ── registrations ──
    app.get(
      '/party/service/units',
      {
        config: read,
        schema: { tags, summary: '报到单位（本辖区社区的，或本单位自己的；电话脱敏）', querystring: RegistrationQuery },
      },
      async (request) => ({ items: await service.units(principalOf(request), request.query) }),
    );
    app.post(
      '/party/service/units',
      {
        config: join,
        schema: {
          tags,
          summary: '单位到社区报到（不填名称：本单位报到，待社区确认；社区登记外部单位：填名称，直接确认）',
          body: Type.Object({
            villageId: Type.Integer({ minimum: 1 }),
            name: Type.Optional(Type.String({ maxLength: 100 })),
            contactName: Type.Optional(Type.String({ maxLength: 50 })),
            contactPhone: Type.Optional(Type.String({ maxLength: 20 })),
          }),
        },
      },
      async (request, reply) => reply.status(201).send(await service.registerUnit(principalOf(request), request.body)),
    );
    app.post(
      '/party/service/units/:id/decide',
      { config: manage, schema: { tags, summary: '社区确认或退回单位报到', params: IdParams, body: Decision } },
      async (request) => {
        await service.decide(principalOf(request), 'unit', request.params.id, request.body);
        return { ok: true };
      },
    );
    app.get(
      '/party/service/members',
      { config: read, schema: { tags, summary: '报到的在职党员（电话脱敏）', querystring: RegistrationQuery } },
      async (request) => ({ items: await service.members(principalOf(request), request.query) }),
    );
    app.post(
      '/party/service/members/:id/decide',
      { config: manage, schema: { tags, summary: '社区确认或退回在职党员报到', params: IdParams, body: Decision } },
      async (request) => {
        await service.decide(principalOf(request), 'member', request.params.id, request.body);
        return { ok: true };
      },
    );
    app.post(
      '/party/service/members/:id/reveal',
      {
        config: { permission: 'pii.view' as const },
        schema: { tags, summary: '查看在职党员完整电话（留痕）', params: IdParams },
      },
      async (request) => service.revealMember(principalOf(request), request.params.id, request.ip),
    );

    app.get(
      '/party/service/communities',
      { config: read, schema: { tags, summary: '可报到的社区（按镇街）' } },
      async () => ({ items: await service.communities() }),
    );

    // ── needs ──
    app.get(
      '/party/service/needs',
      {
        config: read,
        schema: {
          tags,
          summary: '服务需求（微心愿、服务项目、志愿活动）及可执行的操作',
          querystring: Type.Object({
            villageId: Type.Optional(Type.Integer({ minimum: 1 })),
            state: Type.Optional(literals(NEED_STATES)),
            kind: Type.Optional(literals(NEED_KINDS)),
            mine: Type.Optional(Type.Boolean({ description: '只看本单位认领的' })),
          }),
        },
      },
      async (request) => ({ items: await service.needs(principalOf(request), request.query) }),
    );
    app.post(
      '/party/service/needs',
      {
        config: manage,
        schema: {
          tags,
          summary: '社区发布服务需求',
          body: Type.Object({
            villageId: Type.Integer({ minimum: 1 }),
            kind: literals(NEED_KINDS),
            title: Type.String({ minLength: 1, maxLength: 200 }),
            description: Type.Optional(Type.String({ maxLength: 2000 })),
            beneficiary: Type.Optional(Type.String({ maxLength: 100 })),
            dueOn: Day,
          }),
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const { id } = await service.publish(principal, request.body);
        return reply.status(201).send(await service.need(principal, id));
      },
    );
    app.get(
      '/party/service/needs/:id',
      { config: read, schema: { tags, summary: '服务需求详情（含历史）', params: IdParams } },
      async (request) => service.need(principalOf(request), request.params.id),
    );
    app.post(
      '/party/service/needs/:id/actions',
      {
        config: join,
        schema: {
          tags,
          summary: '认领 / 完成并记录时长和结果 / 社区评价 1–5 星 / 撤销',
          params: IdParams,
          body: NeedAction,
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await service.act(principal, request.params.id, request.body);
        return service.need(principal, request.params.id);
      },
    );

    // ── yearly reports ──
    app.get(
      '/party/service/reports',
      {
        config: report,
        schema: { tags, summary: '各单位年度双报到报告（县平台）', querystring: Type.Object({ year: Year }) },
      },
      async (request) => ({
        year: request.query.year,
        items: await service.reports(principalOf(request), request.query.year),
      }),
    );
    app.post(
      '/party/service/reports/issue',
      { config: report, schema: { tags, summary: '出具年度报告（通知各单位）', body: Type.Object({ year: Year }) } },
      async (request) => service.issueReports(principalOf(request), request.body.year),
    );
    app.get(
      '/party/service/reports/export',
      { config: report, schema: { tags, summary: '年度报告导出（xlsx）', querystring: Type.Object({ year: Year }) } },
      async (request, reply) => {
        const body = await service.reportsXlsx(principalOf(request), request.query.year);
        const name = encodeURIComponent(`${request.query.year}年度双报到报告.xlsx`);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', `attachment; filename*=UTF-8''${name}`)
          .send(body);
      },
    );
    app.get(
      '/party/service/reports/own',
      { config: read, schema: { tags, summary: '本单位收到的年度双报到报告' } },
      async (request) => ({ items: await service.ownReports(principalOf(request)) }),
    );

    // ── the in-service member's phone ──
    app.get(
      '/party/service/my',
      { config: own, schema: { tags, summary: '我的双报到：报到记录、所在社区的需求、我认领的' } },
      async (request) => {
        const principal = principalOf(request);
        const [registrations, needs, communities, unitNames] = await Promise.all([
          service.members(principal, {}),
          service.needs(principal, {}),
          service.communities(),
          service.unitNames(),
        ]);
        return { registrations, needs, communities, unitNames };
      },
    );
    app.post(
      '/party/service/my/registrations',
      {
        config: own,
        schema: {
          tags,
          summary: '在职党员到居住社区报到（待社区确认）',
          body: Type.Object({
            villageId: Type.Integer({ minimum: 1 }),
            name: Type.String({ minLength: 1, maxLength: 50 }),
            unitName: Type.String({ minLength: 1, maxLength: 100 }),
            branch: Type.Optional(Type.String({ maxLength: 100 })),
          }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.registerMember(principalOf(request), request.body)),
    );
    app.get(
      '/party/service/my/needs/:id',
      { config: own, schema: { tags, summary: '需求详情（手机）', params: IdParams } },
      async (request) => service.need(principalOf(request), request.params.id),
    );
    app.post(
      '/party/service/my/needs/:id/actions',
      {
        config: own,
        schema: { tags, summary: '认领需求 / 完成并记录时长和结果（手机）', params: IdParams, body: NeedAction },
      },
      async (request) => {
        const principal = principalOf(request);
        await service.act(principal, request.params.id, request.body);
        return service.need(principal, request.params.id);
      },
    );
  };
