// HTTP routes of 联席会议 under /api/meetings: kinds of meeting, meetings, the proposed agenda, the record and the
// minutes (JSON, the decisions as xlsx, or as a PDF). Reads need meeting.read and the meeting in scope; changes need
// meeting.manage and the organising unit in the principal's subtree.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ATTENDANCE_STATUSES, MEETING_LEVELS, MEETING_STATES } from '../../domain/meeting/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { DayString, IdParams, Nullable } from '../../http/schemas.js';
import { sendPdf } from '../documents/send-pdf.js';
import type { MeetingService } from './meeting-service.js';
import { minutesPdf } from './minutes-pdf.js';
import { MAX_AGENDA_ITEMS } from './set-agenda.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Version = Type.Integer({ minimum: 1, description: '调用方看到的会议版本号（乐观锁）' });
const OrgId = Type.Integer({ minimum: 1 });
const OrgIds = Type.Array(OrgId, { maxItems: 200 });
const ItemParams = Type.Object({ id: Type.Integer({ minimum: 1 }), itemId: Type.Integer({ minimum: 1 }) });
const DayKey = DayString({ description: '完成期限（工作日，YYYY-MM-DD）' });
const Limit = Type.Object({
  amount: Type.Number({ exclusiveMinimum: 0, maximum: 10000 }),
  unit: literals(['natural_hours', 'working_hours', 'working_days'] as const),
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const meetingRoutes =
  ({ meetings }: { meetings: MeetingService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/meetings/kinds',
      {
        config: { permission: 'meeting.read' },
        schema: { tags: ['meetings'], summary: '会议类型（本单位组织或参加的）' },
      },
      async (request) => meetings.kinds(principalOf(request)),
    );

    app.post(
      '/meetings/kinds',
      {
        config: { permission: 'meeting.manage' },
        schema: {
          tags: ['meetings'],
          summary: '新建会议类型（不填成员单位时：县级为各部门和镇街，镇街为站所和村社区）',
          body: Type.Object({
            name: Type.String({ minLength: 1, maxLength: 100 }),
            level: literals(MEETING_LEVELS),
            organiserOrgId: Type.Optional(OrgId),
            chair: Type.Optional(Type.String({ maxLength: 100 })),
            memberOrgIds: Type.Optional(OrgIds),
            description: Type.Optional(Type.String({ maxLength: 2000 })),
          }),
        },
      },
      async (request, reply) => reply.status(201).send(await meetings.createKind(request.body, principalOf(request))),
    );

    app.patch(
      '/meetings/kinds/:id',
      {
        config: { permission: 'meeting.manage' },
        schema: {
          tags: ['meetings'],
          summary: '修改会议类型（名称、主持人、成员单位、停用）',
          params: IdParams,
          body: Type.Object({
            version: Version,
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            chair: Type.Optional(Type.String({ maxLength: 100 })),
            memberOrgIds: Type.Optional(OrgIds),
            description: Type.Optional(Type.String({ maxLength: 2000 })),
            active: Type.Optional(Type.Boolean()),
          }),
        },
      },
      async (request) => meetings.updateKind(request.params.id, request.body, principalOf(request)),
    );

    app.get(
      '/meetings',
      {
        config: { permission: 'meeting.read' },
        schema: {
          tags: ['meetings'],
          summary: '会议列表（按类型、状态、年度筛选）',
          querystring: Type.Object({
            kindId: Type.Optional(Type.Integer({ minimum: 1 })),
            decisionId: Type.Optional(Type.Integer({ minimum: 1, description: '作出该决定事项的会议' })),
            state: Type.Optional(literals(MEETING_STATES)),
            year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          }),
        },
      },
      async (request) => meetings.list(principalOf(request), request.query),
    );

    app.post(
      '/meetings',
      {
        config: { permission: 'meeting.manage' },
        schema: {
          tags: ['meetings'],
          summary: '召集会议（筹备中）：标题默认为“YYYY年M月<会议类型>”，成员单位取自会议类型',
          body: Type.Object({
            kindId: Type.Integer({ minimum: 1 }),
            title: Type.Optional(Type.String({ maxLength: 200 })),
            startsAt: Type.String({ format: 'date-time' }),
            place: Type.Optional(Type.String({ maxLength: 200 })),
            chair: Type.Optional(Type.String({ maxLength: 100 })),
            secretary: Type.Optional(Type.String({ maxLength: 100 })),
          }),
        },
      },
      async (request, reply) => reply.status(201).send(await meetings.create(request.body, principalOf(request))),
    );

    app.get(
      '/meetings/:id',
      {
        config: { permission: 'meeting.read' },
        schema: {
          tags: ['meetings'],
          summary: '会议详情：议程、出席、讨论、决定事项及其任务的实时状态、操作记录',
          params: IdParams,
        },
      },
      async (request) => meetings.get(request.params.id, principalOf(request)),
    );

    app.patch(
      '/meetings/:id',
      {
        config: { permission: 'meeting.manage' },
        schema: {
          tags: ['meetings'],
          summary: '修改会议信息（筹备中可调整参会单位）',
          params: IdParams,
          body: Type.Object({
            version: Version,
            title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            startsAt: Type.Optional(Type.String({ format: 'date-time' })),
            place: Type.Optional(Type.String({ maxLength: 200 })),
            chair: Type.Optional(Type.String({ maxLength: 100 })),
            secretary: Type.Optional(Type.String({ maxLength: 100 })),
            memberOrgIds: Type.Optional(OrgIds),
          }),
        },
      },
      async (request) => meetings.update(request.params.id, request.body, principalOf(request)),
    );

    app.post(
      '/meetings/:id/state',
      {
        config: { permission: 'meeting.manage' },
        schema: {
          tags: ['meetings'],
          summary:
            '会议状态：held 已召开，published 发布纪要（须登记全部成员单位出席情况），cancelled 取消（须填原因）',
          params: IdParams,
          body: Type.Object({
            version: Version,
            state: literals(['held', 'published', 'cancelled'] as const),
            reason: Type.Optional(Type.String({ maxLength: 500 })),
          }),
        },
      },
      async (request) => meetings.changeState(request.params.id, request.body, principalOf(request)),
    );

    app.get(
      '/meetings/:id/agenda/proposals',
      {
        config: { permission: 'meeting.manage' },
        schema: {
          tags: ['meetings'],
          summary:
            '推荐议题：前次会议未落实的决定事项、挂牌督办或县级督办案件、三个以上单位协同的案件、重办两次以上的案件、本月热点、逾期任务（组织单位辖区内），各附推荐理由',
          params: IdParams,
        },
      },
      async (request) => meetings.proposals(request.params.id, principalOf(request)),
    );

    app.put(
      '/meetings/:id/agenda',
      {
        config: { permission: 'meeting.manage' },
        schema: {
          tags: ['meetings'],
          summary: '设置议程（按顺序）：{id} 保留已有议题，{key} 选取推荐议题，{title, description} 新增其他议题',
          params: IdParams,
          body: Type.Object({
            version: Version,
            items: Type.Array(
              Type.Object({
                id: Type.Optional(Type.Integer({ minimum: 1 })),
                key: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
                title: Type.Optional(Type.String({ maxLength: 200 })),
                description: Type.Optional(Type.String({ maxLength: 2000 })),
              }),
              { maxItems: MAX_AGENDA_ITEMS },
            ),
          }),
        },
      },
      async (request) => meetings.setAgenda(request.params.id, request.body, principalOf(request)),
    );

    app.put(
      '/meetings/:id/attendance',
      {
        config: { permission: 'meeting.manage' },
        schema: {
          tags: ['meetings'],
          summary: '登记出席情况（出席 / 缺席 / 委托出席须填代为出席人员）',
          params: IdParams,
          body: Type.Object({
            version: Version,
            entries: Type.Array(
              Type.Object({
                orgId: OrgId,
                status: literals(ATTENDANCE_STATUSES),
                attendee: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
                note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
              }),
              { maxItems: 500 },
            ),
          }),
        },
      },
      async (request) => meetings.recordAttendance(request.params.id, request.body, principalOf(request)),
    );

    app.put(
      '/meetings/:id/items/:itemId',
      {
        config: { permission: 'meeting.manage' },
        schema: {
          tags: ['meetings'],
          summary: '记录议题的讨论情况',
          params: ItemParams,
          body: Type.Object({ version: Version, discussion: Type.String({ maxLength: 10000 }) }),
        },
      },
      async (request) =>
        meetings.recordDiscussion(request.params.id, request.params.itemId, request.body, principalOf(request)),
    );

    app.post(
      '/meetings/:id/items/:itemId/decisions',
      {
        config: { permission: 'meeting.manage' },
        schema: {
          tags: ['meetings'],
          summary: '记录决定事项并交办任务（责任单位、协办单位、完成期限：工作日或工作日时限），与决定在同一事务中创建',
          params: ItemParams,
          body: Type.Object({
            version: Version,
            text: Type.String({ minLength: 1, maxLength: 2000 }),
            tasks: Type.Array(
              Type.Object({
                title: Type.Optional(Type.String({ maxLength: 200 })),
                description: Type.Optional(Type.String({ maxLength: 2000 })),
                ownerOrgId: OrgId,
                assistingOrgIds: Type.Optional(OrgIds),
                dueDate: Type.Optional(DayKey),
                limit: Type.Optional(Limit),
              }),
              { minItems: 1, maxItems: 10 },
            ),
          }),
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await meetings.recordDecision(request.params.id, request.params.itemId, request.body, principalOf(request)),
          ),
    );

    app.post(
      '/meetings/:id/items/:itemId/dispatch',
      {
        config: { permission: 'meeting.manage' },
        schema: {
          tags: ['meetings'],
          summary: '会议派遣：按会议决定的主办、协办单位派遣议题案件（案件须处于待派遣且由组织单位负责）',
          params: ItemParams,
          body: Type.Object({
            version: Version,
            caseVersion: Type.Integer({ minimum: 1 }),
            leadOrgId: OrgId,
            assistingOrgIds: Type.Optional(OrgIds),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
          }),
        },
      },
      async (request) =>
        meetings.dispatchCase(request.params.id, request.params.itemId, request.body, principalOf(request)),
    );

    app.get(
      '/meetings/:id/minutes',
      {
        config: { permission: 'meeting.read' },
        schema: {
          tags: ['meetings'],
          summary: '会议纪要（format=xlsx 下载决定事项表，format=pdf 下载 PDF）',
          params: IdParams,
          querystring: Type.Object({ format: Type.Optional(literals(['json', 'xlsx', 'pdf'] as const)) }),
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (request.query.format === 'pdf') {
          const minutes = await meetings.minutes(request.params.id, principal);
          return sendPdf(reply, `${minutes.title}.pdf`, await minutesPdf(minutes));
        }
        if (request.query.format !== 'xlsx') return meetings.minutes(request.params.id, principal);
        const file = await meetings.minutesXlsx(request.params.id, principal);
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
        return reply.type(XLSX).send(file.body);
      },
    );
  };
