// HTTP routes of the screening cadence (排查), /api/screenings: the settings per level, a unit's screenings and its
// children's (missed ones in red), one screening with its record, recording it (with a client token so that a
// phone's resend is harmless), the inbox counts, the coverage report (JSON or xlsx) and a unit's heat map.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { CADENCES, COVERAGE_STATUSES, FINDING_ROUTES, SCREENING_LEVELS } from '../../domain/screening/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { DayString, Nullable } from '../../http/schemas.js';
import type { ScreeningService } from './screening-service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number) => Type.String({ maxLength: max });
const Day = DayString();
const TaskParams = Type.Object({ taskId: Type.Integer({ minimum: 1 }) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendXlsx(reply: FastifyReply, filename: string, body: Buffer) {
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(body);
}

const PartyBody = Type.Object({
  role: literals(['applicant', 'respondent'] as const),
  kind: literals(['person', 'org'] as const),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  phone: Type.Optional(Nullable(Text(40))),
  idNumber: Type.Optional(Nullable(Text(30))),
  address: Type.Optional(Nullable(Text(300))),
});

const RecordBody = Type.Object({
  clientToken: Type.String({ minLength: 8, maxLength: 100 }),
  checklist: Type.Array(Type.Object({ key: Text(40), found: Type.Boolean(), note: Type.Optional(Text(1000)) }), {
    maxItems: 50,
  }),
  nothingFound: Type.Boolean(),
  findings: Type.Optional(
    Type.Array(
      Type.Object({
        itemKey: Text(40),
        route: literals(FINDING_ROUTES),
        summary: Type.String({ minLength: 1, maxLength: 5000 }),
        gridId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
        lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
        lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
        address: Type.Optional(Nullable(Text(500))),
        categoryId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
        dispute: Type.Optional(
          Type.Object({
            typeCode: Type.String({ minLength: 1, maxLength: 40 }),
            parties: Type.Array(PartyBody, { minItems: 2, maxItems: 50 }),
            peopleInvolved: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
            amount: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
          }),
        ),
      }),
      { maxItems: 20 },
    ),
  ),
  note: Type.Optional(Text(5000)),
  attachmentIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 9 })),
  lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
});

const CoverageQuery = Type.Object({
  from: Day,
  to: Day,
  level: literals(SCREENING_LEVELS),
  format: Type.Optional(literals(['json', 'xlsx'] as const)),
});

export const screeningRoutes =
  (deps: { screenings: ScreeningService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { screenings } = deps;
    const tags = ['screenings'];

    app.get(
      '/screenings/settings',
      { config: { permission: 'screening.read' }, schema: { tags, summary: '各层级排查频次与排查内容' } },
      async () => ({ items: await screenings.settings() }),
    );

    app.put(
      '/screenings/settings/:level',
      {
        config: { permission: 'screening.manage' },
        schema: {
          tags,
          summary: '修改某一层级的排查频次与排查内容（管理员）',
          params: Type.Object({ level: literals(SCREENING_LEVELS) }),
          body: Type.Object({
            cadence: literals(CADENCES),
            checklist: Type.Array(Type.Object({ key: Text(40), label: Type.String({ maxLength: 50 }) }), {
              maxItems: 30,
            }),
            active: Type.Optional(Type.Boolean()),
            version: Type.Integer({ minimum: 0 }),
          }),
        },
      },
      async (request) => screenings.saveSetting(request.params.level, request.body, principalOf(request)),
    );

    app.post(
      '/screenings/generate',
      {
        config: { permission: 'screening.manage' },
        schema: {
          tags,
          summary: '立即生成当前各层级的排查任务（生成任务每分钟自动运行；已生成的不会重复生成）',
        },
      },
      async () => screenings.generate(),
    );

    app.get(
      '/screenings',
      {
        config: { permission: 'screening.read' },
        schema: {
          tags,
          summary: '排查任务列表：本单位的（mine）、下一级单位的（children，未排查的标红）或辖区全部（all）',
          querystring: Type.Object({
            scope: Type.Optional(literals(['mine', 'children', 'all'] as const)),
            status: Type.Optional(literals(COVERAGE_STATUSES)),
            level: Type.Optional(literals(SCREENING_LEVELS)),
            orgId: Type.Optional(Type.Integer({ minimum: 1 })),
            from: Type.Optional(Day),
            to: Type.Optional(Day),
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          }),
        },
      },
      async (request) => screenings.list(principalOf(request), request.query),
    );

    app.get(
      '/screenings/inbox',
      {
        config: { permission: 'screening.read' },
        schema: { tags, summary: '待排查：本单位待完成的排查任务数、已逾期数、下一级单位未排查数' },
      },
      async (request) => screenings.queries.inbox(principalOf(request)),
    );

    app.get(
      '/screenings/coverage',
      {
        config: { permission: 'screening.read' },
        schema: {
          tags,
          summary:
            '排查覆盖情况：某期某层级各单位应排查、按时、逾期、未排查、排查完成率、发现问题分类（format=xlsx 导出）',
          querystring: CoverageQuery,
        },
      },
      async (request, reply) => {
        const { format, ...q } = request.query;
        if (format === 'xlsx') {
          return sendXlsx(
            reply,
            `排查覆盖情况-${q.from}至${q.to}.xlsx`,
            await screenings.coverageXlsx(principalOf(request), q),
          );
        }
        return screenings.queries.coverage(principalOf(request), q);
      },
    );

    app.get(
      '/screenings/heatmap',
      {
        config: { permission: 'screening.read' },
        schema: {
          tags,
          summary: '某单位全年排查日历热力图（每个应排查日的完成情况）',
          querystring: Type.Object({
            orgId: Type.Integer({ minimum: 1 }),
            year: Type.Integer({ minimum: 2000, maximum: 2100 }),
          }),
        },
      },
      async (request) => screenings.queries.heatmap(principalOf(request), request.query),
    );

    app.get(
      '/screenings/:taskId',
      {
        config: { permission: 'screening.read' },
        schema: { tags, summary: '排查任务详情及排查记录', params: TaskParams },
      },
      async (request) => screenings.get(principalOf(request), request.params.taskId),
    );

    app.post(
      '/screenings/:taskId/record',
      {
        config: { permission: 'screening.record' },
        schema: {
          tags,
          summary: '填报排查记录并完成排查任务（发现的问题转为案件或矛盾纠纷；相同 clientToken 重复提交不重复生成）',
          params: TaskParams,
          body: RecordBody,
        },
      },
      async (request, reply) => {
        const detail = await screenings.record(request.params.taskId, request.body, principalOf(request));
        return reply.status(detail.replayed ? 200 : 201).send(detail);
      },
    );
  };
