// HTTP routes of the party organisation along the grid (/api/party): the organisations (镇街党(工)委 → 党总支 →
// 网格党支部 → 楼院党小组 → 党员中心户) and their coverage of the grids, members, the community's 大党委, first
// secretaries with their tasks, days on site and monthly report (json or xlsx), the badge lookup (党员亮相),
// and the grid's public card /api/party/grids/:gridId/card (网格亮责, no sign-in). /api/party/service and
// /api/party/ratings belong to the 双报到 / 六亮 module.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../core/errors.js';
import { isMonthKey } from '../../domain/legal/index.js';
import { MEMBER_DUTIES, PARTY_LEVELS } from '../../domain/party/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { DayString, IdParams, MonthString, Nullable } from '../../http/schemas.js';
import type { PartyService } from './party-service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Day = DayString({ description: 'YYYY-MM-DD' });
const Month = MonthString({ description: 'YYYY-MM' });
const Version = Type.Integer({ minimum: 1 });
const Id = Type.Integer({ minimum: 1 });
const Text = (max: number) => Type.String({ maxLength: max });
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['party'];

const OrgFields = {
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  compound: Type.Optional(Nullable(Text(100))),
  buildings: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 50 })),
  householdRecordId: Type.Optional(Nullable(Id)),
  linkedHouseholdIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  duties: Type.Optional(Text(1000)),
  officePhone: Type.Optional(Nullable(Text(20))),
};
const MemberFields = {
  name: Type.String({ minLength: 1, maxLength: 50 }),
  phone: Type.Optional(Nullable(Text(20))),
  joinedOn: Type.Optional(Nullable(Day)),
  duty: Type.Optional(literals(MEMBER_DUTIES)),
  userId: Type.Optional(Nullable(Id)),
  inService: Type.Optional(Type.Boolean()),
  workUnit: Type.Optional(Nullable(Text(100))),
};
const CommitteeFields = {
  unitOrgId: Type.Optional(Nullable(Id)),
  unitName: Type.Optional(Text(100)),
  personName: Type.String({ minLength: 1, maxLength: 50 }),
  post: Type.String({ minLength: 1, maxLength: 50 }),
  termStart: Day,
  termEnd: Day,
};

function month(value: string): string {
  if (!isMonthKey(value))
    throw new AppError('VALIDATION_FAILED', { message: '月份格式应为 YYYY-MM', details: { field: 'month' } });
  return value;
}

export const partyRoutes =
  (deps: { party: PartyService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { party } = deps;
    const read = { permission: 'party.read' as const };
    const manage = { permission: 'party.manage' as const };
    const send = { permission: 'party.secretary' as const };

    // ── the organisation along the grid ──
    app.get(
      '/party/orgs',
      {
        config: read,
        schema: {
          tags,
          summary: '党组织（镇街党(工)委、村社区党总支、网格党支部、楼院党小组、党员中心户）',
          querystring: Type.Object({
            townId: Type.Optional(Id),
            villageId: Type.Optional(Id),
            gridId: Type.Optional(Id),
            level: Type.Optional(literals(PARTY_LEVELS)),
            includeInactive: Type.Optional(Type.Boolean()),
          }),
        },
      },
      async (request) => ({ items: await party.orgs(principalOf(request), request.query) }),
    );
    app.post(
      '/party/orgs',
      {
        config: manage,
        schema: {
          tags,
          summary: '新建党组织（按层级挂在上级党组织之下，对应镇街、村社区或网格）',
          body: Type.Object({
            level: literals(PARTY_LEVELS),
            parentId: Type.Optional(Nullable(Id)),
            placeId: Type.Optional(Id),
            orgId: Type.Optional(Nullable(Id)),
            ...OrgFields,
          }),
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const { id } = await party.createOrg(principal, request.body);
        return reply.status(201).send(await party.org(principal, id));
      },
    );
    app.get(
      '/party/orgs/:id',
      { config: read, schema: { tags, summary: '党组织详情（下级组织、党员、联系住户、历史）', params: IdParams } },
      async (request) => party.org(principalOf(request), request.params.id),
    );
    app.patch(
      '/party/orgs/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改党组织（名称、楼栋、联系住户、职责、办公电话、书记）',
          params: IdParams,
          body: Type.Object({ ...OrgFields, secretaryMemberId: Type.Optional(Nullable(Id)), version: Version }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await party.updateOrg(principal, request.params.id, request.body);
        return party.org(principal, request.params.id);
      },
    );
    app.post(
      '/party/orgs/:id/dissolve',
      {
        config: manage,
        schema: {
          tags,
          summary: '撤销党组织（须无下级组织和党员）',
          params: IdParams,
          body: Type.Object({ version: Version }),
        },
      },
      async (request) => {
        await party.dissolveOrg(principalOf(request), request.params.id, request.body.version);
        return { ok: true };
      },
    );
    app.get(
      '/party/coverage',
      {
        config: read,
        schema: {
          tags,
          summary: '网格党支部覆盖情况：各镇街网格数、已建/未建党支部数，未建的网格清单',
          querystring: Type.Object({ townId: Type.Optional(Id) }),
        },
      },
      async (request) => party.coverage(principalOf(request), request.query.townId),
    );
    app.get(
      '/party/grids/:gridId/card',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '网格亮责公开卡片（网格员、支部书记姓名，职责，办公电话；无需登录，不含个人手机）',
          params: Type.Object({ gridId: Id }),
        },
      },
      async (request) => party.gridCard(request.params.gridId),
    );

    // ── members ──
    app.get(
      '/party/members',
      {
        config: read,
        schema: {
          tags,
          summary: '党员名册（手机号脱敏）',
          querystring: Type.Object({
            partyOrgId: Type.Optional(Id),
            villageId: Type.Optional(Id),
            inService: Type.Optional(Type.Boolean()),
            q: Type.Optional(Text(50)),
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          }),
        },
      },
      async (request) => party.members(principalOf(request), request.query),
    );
    app.get(
      '/party/members/badges',
      {
        config: read,
        schema: {
          tags,
          summary: '党员亮相：给定用户中哪些是党员（办件人、任务经办人显示“党员”标识）',
          querystring: Type.Object({ userIds: Type.String({ pattern: '^\\d+(,\\d+){0,199}$' }) }),
        },
      },
      async (request) => party.badges(principalOf(request), request.query.userIds.split(',').map(Number)),
    );
    app.post(
      '/party/orgs/:id/members',
      {
        config: manage,
        schema: { tags, summary: '党组织新增党员', params: IdParams, body: Type.Object(MemberFields) },
      },
      async (request, reply) =>
        reply.status(201).send(await party.createMember(principalOf(request), request.params.id, request.body)),
    );
    app.patch(
      '/party/members/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改党员信息（职务、在职党员、关联账号、转入其他支部、停用）',
          params: IdParams,
          body: Type.Object({
            ...Type.Partial(Type.Object(MemberFields)).properties,
            partyOrgId: Type.Optional(Id),
            active: Type.Optional(Type.Boolean()),
            version: Version,
          }),
        },
      },
      async (request) => {
        await party.updateMember(principalOf(request), request.params.id, request.body);
        return { ok: true };
      },
    );
    app.get(
      '/party/members/:id/reveal',
      { config: { permission: 'pii.view' }, schema: { tags, summary: '查看党员完整手机号（留痕）', params: IdParams } },
      async (request) => party.revealMember(principalOf(request), request.params.id, request.ip),
    );

    // ── the community's 大党委 ──
    app.get(
      '/party/committees',
      {
        config: read,
        schema: {
          tags,
          summary: '社区大党委兼职委员（驻区单位、职务、任期，当前/已到期）',
          querystring: Type.Object({ villageId: Type.Optional(Id) }),
        },
      },
      async (request) => ({ items: await party.committee(principalOf(request), request.query) }),
    );
    app.post(
      '/party/committees/:id/members',
      {
        config: manage,
        schema: {
          tags,
          summary: '社区大党委新增兼职委员（:id 为村社区）',
          params: IdParams,
          body: Type.Object(CommitteeFields),
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await party.createCommitteeMember(principalOf(request), request.params.id, request.body)),
    );
    app.patch(
      '/party/committee-members/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改大党委兼职委员（任期、职务、停用）',
          params: IdParams,
          body: Type.Object({
            ...Type.Partial(Type.Object(CommitteeFields)).properties,
            active: Type.Optional(Type.Boolean()),
            version: Version,
          }),
        },
      },
      async (request) => {
        await party.updateCommitteeMember(principalOf(request), request.params.id, request.body);
        return { ok: true };
      },
    );

    // ── first secretaries ──
    app.get(
      '/party/secretaries',
      { config: read, schema: { tags, summary: '第一书记（派出单位、驻村、任期、本月驻村天数、任务）' } },
      async (request) => ({ items: await party.secretaries(principalOf(request)) }),
    );
    app.get(
      '/party/secretaries/me',
      { config: read, schema: { tags, summary: '本人担任第一书记的派驻（手机打卡）' } },
      async (request) => ({ items: await party.mySecretaryAssignments(principalOf(request)) }),
    );
    app.get(
      '/party/secretaries/monthly',
      {
        config: read,
        schema: {
          tags,
          summary: '第一书记月报：驻村天数对比工作日、任务完成与逾期（format=xlsx 导出）',
          querystring: Type.Object({ month: Month, format: Type.Optional(literals(['json', 'xlsx'] as const)) }),
        },
      },
      async (request, reply) => {
        const m = month(request.query.month);
        const principal = principalOf(request);
        if (request.query.format !== 'xlsx') return party.secretaryMonthly(principal, m);
        const { filename, body } = await party.secretaryMonthlyXlsx(principal, m);
        const disposition = `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`;
        return reply.header('content-type', XLSX_TYPE).header('content-disposition', disposition).send(body);
      },
    );
    app.get(
      '/party/secretaries/:id',
      { config: read, schema: { tags, summary: '第一书记详情（驻村记录、任务、历史）', params: IdParams } },
      async (request) => party.secretary(principalOf(request), request.params.id),
    );
    app.post(
      '/party/secretaries',
      {
        config: send,
        schema: {
          tags,
          summary: '选派第一书记（县级部门派往村，含任期）',
          body: Type.Object({
            name: Type.String({ minLength: 1, maxLength: 50 }),
            phone: Type.Optional(Nullable(Text(20))),
            userId: Type.Optional(Nullable(Id)),
            villageId: Id,
            sendingOrgId: Type.Optional(Id),
            termStart: Day,
            termEnd: Day,
          }),
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const { id } = await party.assignSecretary(principal, request.body);
        return reply.status(201).send(await party.secretary(principal, id));
      },
    );
    app.patch(
      '/party/secretaries/:id',
      {
        config: send,
        schema: {
          tags,
          summary: '修改第一书记派驻（任期延长或提前结束、联系方式、关联账号）',
          params: IdParams,
          body: Type.Object({
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
            phone: Type.Optional(Nullable(Text(20))),
            userId: Type.Optional(Nullable(Id)),
            termEnd: Type.Optional(Day),
            active: Type.Optional(Type.Boolean()),
            version: Version,
          }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await party.updateSecretary(principal, request.params.id, request.body);
        return party.secretary(principal, request.params.id);
      },
    );
    app.post(
      '/party/secretaries/:id/tasks',
      {
        config: send,
        schema: {
          tags,
          summary: '给第一书记交办任务（责任单位为所驻村，交办单位为派出单位）',
          params: IdParams,
          body: Type.Object({
            title: Type.String({ minLength: 1, maxLength: 200 }),
            description: Type.Optional(Text(2000)),
            dueAt: Type.Optional(Type.String({ maxLength: 40 })),
            limitDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
          }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await party.assignSecretaryTask(principalOf(request), request.params.id, request.body)),
    );
    app.post(
      '/party/secretaries/:id/days',
      {
        config: read,
        schema: {
          tags,
          summary: '驻村记录：第一书记本人手机打卡（当天），或村社区登记往日',
          params: IdParams,
          body: Type.Object({ day: Type.Optional(Day), note: Type.Optional(Text(500)) }),
        },
      },
      async (request, reply) => {
        const result = await party.recordDay(principalOf(request), request.params.id, request.body);
        return reply.status(result.recorded ? 201 : 200).send(result);
      },
    );
  };
