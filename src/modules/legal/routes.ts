// HTTP routes of one-adviser-per-village (/api/legal): the roster and assignments (county platform / 司法局),
// the service log (recorded by the law firms' accounts, from the phone), the asker revealed (audited), what
// the signed-in adviser records for, and the month's report per village (json or xlsx).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../core/errors.js';
import { isMonthKey, LEGAL_ENTRY_KINDS, MAX_ENTRY_HOURS } from '../../domain/legal/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { DayString, IdParams, MonthString, Nullable } from '../../http/schemas.js';
import type { LegalService } from './legal-service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number) => Type.String({ maxLength: max });
const Day = DayString({ description: 'YYYY-MM-DD' });
const Month = MonthString({ description: 'YYYY-MM' });
const Version = Type.Integer({ minimum: 1 });
const tags = ['legal'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const AdviserBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  phone: Type.Optional(Nullable(Text(20))),
  licenceNo: Type.String({ minLength: 1, maxLength: 30 }),
  firmOrgId: Type.Integer({ minimum: 1 }),
  userId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  active: Type.Optional(Type.Boolean()),
});

const EntryBody = Type.Object({
  adviserId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  villageId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  kind: literals(LEGAL_ENTRY_KINDS),
  occurredOn: Day,
  hours: Type.Number({ exclusiveMinimum: 0, maximum: MAX_ENTRY_HOURS }),
  place: Type.Optional(Nullable(Text(200))),
  matter: Type.Optional(Nullable(Text(2000))),
  advice: Type.Optional(Nullable(Text(5000))),
  topic: Type.Optional(Nullable(Text(200))),
  audience: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100000 }))),
  documentTitle: Type.Optional(Nullable(Text(200))),
  opinion: Type.Optional(Nullable(Text(10000))),
  askerName: Type.Optional(Nullable(Text(50))),
  askerPhone: Type.Optional(Nullable(Text(20))),
  disputeId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  attachmentIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 10 })),
  reviewTaskId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
});

function month(value: string): string {
  if (!isMonthKey(value))
    throw new AppError('VALIDATION_FAILED', { message: '月份格式应为 YYYY-MM', details: { field: 'month' } });
  return value;
}

export const legalRoutes =
  (deps: { legal: LegalService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { legal } = deps;
    const read = { permission: 'legal.read' as const };
    const manage = { permission: 'legal.manage' as const };
    const record = { permission: 'legal.record' as const };

    app.get(
      '/legal/advisers',
      {
        config: read,
        schema: {
          tags,
          summary: '法律顾问名册（县：全部；镇街、村社区：本辖区的顾问；律师事务所：本所顾问）',
          querystring: Type.Object({
            firmOrgId: Type.Optional(Type.Integer({ minimum: 1 })),
            active: Type.Optional(Type.Boolean()),
          }),
        },
      },
      async (request) => ({ items: await legal.queries.advisers(principalOf(request), request.query) }),
    );

    app.get(
      '/legal/advisers/:id',
      { config: read, schema: { tags, summary: '法律顾问详情（聘任历史、变更记录）', params: IdParams } },
      async (request) => legal.queries.adviser(request.params.id, principalOf(request)),
    );

    app.post(
      '/legal/advisers',
      { config: manage, schema: { tags, summary: '新增法律顾问（县司法局 / 县平台）', body: AdviserBody } },
      async (request, reply) => reply.status(201).send(await legal.createAdviser(request.body, principalOf(request))),
    );

    app.put(
      '/legal/advisers/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改法律顾问（姓名、电话、执业证号、所属律所、登录账号、停用）',
          params: IdParams,
          body: Type.Intersect([AdviserBody, Type.Object({ version: Version })]),
        },
      },
      async (request) => legal.updateAdviser(request.params.id, request.body, principalOf(request)),
    );

    app.get(
      '/legal/assignments',
      {
        config: read,
        schema: {
          tags,
          summary: '聘任（顾问 ↔ 村社区，含服务承诺；current=true 仅现任）',
          querystring: Type.Object({
            villageId: Type.Optional(Type.Integer({ minimum: 1 })),
            adviserId: Type.Optional(Type.Integer({ minimum: 1 })),
            current: Type.Optional(Type.Boolean()),
          }),
        },
      },
      async (request) => ({ items: await legal.queries.assignments(principalOf(request), request.query) }),
    );

    app.post(
      '/legal/assignments',
      {
        config: manage,
        schema: {
          tags,
          summary: '聘任法律顾问到村（社区）（每月驻村时长、每季度普法讲座；原顾问于前一日自动解聘）',
          body: Type.Object({
            adviserId: Type.Integer({ minimum: 1 }),
            villageId: Type.Integer({ minimum: 1 }),
            hoursPerMonth: Type.Number({ minimum: 0, maximum: 200, multipleOf: 0.5 }),
            lecturesPerQuarter: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 })),
            startedOn: Day,
            note: Type.Optional(Nullable(Text(500))),
          }),
        },
      },
      async (request, reply) => reply.status(201).send(await legal.assign(request.body, principalOf(request))),
    );

    app.post(
      '/legal/assignments/:id/end',
      {
        config: manage,
        schema: {
          tags,
          summary: '解聘（结束聘任）',
          params: IdParams,
          body: Type.Object({ version: Version, endedOn: Day, reason: Type.Optional(Nullable(Text(500))) }),
        },
      },
      async (request) => legal.endAssignment(request.params.id, request.body, principalOf(request)),
    );

    app.get(
      '/legal/entries',
      {
        config: read,
        schema: {
          tags,
          summary: '法律服务记录（咨询、驻村、普法、法律审核、参与调解；咨询人脱敏）',
          querystring: Type.Object({
            villageId: Type.Optional(Type.Integer({ minimum: 1 })),
            adviserId: Type.Optional(Type.Integer({ minimum: 1 })),
            kind: Type.Optional(literals(LEGAL_ENTRY_KINDS)),
            month: Type.Optional(Month),
            disputeId: Type.Optional(Type.Integer({ minimum: 1 })),
            includeVoided: Type.Optional(Type.Boolean()),
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          }),
        },
      },
      async (request) => {
        const q = request.query;
        return legal.entries(principalOf(request), { ...q, month: q.month ? month(q.month) : undefined });
      },
    );

    app.get(
      '/legal/entries/:id',
      { config: read, schema: { tags, summary: '一条法律服务记录（附件、变更记录）', params: IdParams } },
      async (request) => legal.queries.entry(request.params.id, principalOf(request)),
    );

    app.get(
      '/legal/entries/:id/asker',
      {
        config: read,
        schema: { tags, summary: '查看咨询人完整信息（有权查看个人信息者或本所，记入审计日志）', params: IdParams },
      },
      async (request) => legal.queries.revealAsker(request.params.id, principalOf(request), request.ip),
    );

    app.post(
      '/legal/entries',
      {
        config: record,
        schema: { tags, summary: '记录一次法律服务（顾问手机端；本所顾问、受聘村社区、服务日期内）', body: EntryBody },
      },
      async (request, reply) => reply.status(201).send(await legal.record(request.body, principalOf(request))),
    );

    app.post(
      '/legal/entries/:id/void',
      {
        config: record,
        schema: {
          tags,
          summary: '作废一条服务记录（填写原因，不计入统计）',
          params: IdParams,
          body: Type.Object({ version: Version, reason: Type.String({ minLength: 1, maxLength: 500 }) }),
        },
      },
      async (request) => legal.void(request.params.id, request.body, principalOf(request)),
    );

    app.get(
      '/legal/me',
      { config: read, schema: { tags, summary: '我（或本所）的法律顾问、受聘村社区、在办纠纷和最近记录（手机端）' } },
      async (request) => legal.mine(principalOf(request)),
    );

    app.post(
      '/legal/review-requests',
      {
        config: read,
        schema: {
          tags,
          summary: '村（社区）请求法律顾问审核决策或合同（生成法律审核任务，律所按期出具意见）',
          body: Type.Object({
            villageId: Type.Integer({ minimum: 1 }),
            documentTitle: Type.String({ minLength: 1, maxLength: 200 }),
            note: Type.Optional(Nullable(Text(2000))),
            dueDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
            attachmentIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 10 })),
          }),
        },
      },
      async (request, reply) => reply.status(201).send(await legal.requestReview(request.body, principalOf(request))),
    );

    app.get(
      '/legal/monthly',
      {
        config: read,
        schema: {
          tags,
          summary: '各村（社区）月度服务情况：服务时长对比承诺、履约率、无服务村社区（format=xlsx 导出）',
          querystring: Type.Object({ month: Month, format: Type.Optional(literals(['json', 'xlsx'] as const)) }),
        },
      },
      async (request, reply) => {
        const m = month(request.query.month);
        const principal = principalOf(request);
        if (request.query.format !== 'xlsx') return legal.monthly(principal, m);
        const { filename, body } = await legal.monthlyXlsx(principal, m);
        const disposition = `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`;
        return reply.header('content-type', XLSX_TYPE).header('content-disposition', disposition).send(body);
      },
    );
  };
