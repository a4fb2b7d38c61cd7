// HTTP routes of the dispute capability: /api/disputes for staff and mediation committees (the queue, one
// dispute, registering, the actions, the parties revealed, the agreement to print, the indicators, the month's
// 重大 disputes, the types) and /api/my/disputes for citizens applying for mediation from the phone.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../core/errors.js';
import {
  DISPUTE_SOURCES,
  DISPUTE_STATES,
  FAILURE_ROUTES,
  PERFORMANCE,
  RISK_LEVELS,
  USER_DISPUTE_ACTIONS,
} from '../../domain/dispute/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { DayString, IdParams, MonthString, Nullable } from '../../http/schemas.js';
import type { Principal } from '../auth/principal.js';
import { sendPdf } from '../documents/send-pdf.js';
import { agreementPdf } from './agreement-pdf.js';
import type { DisputeService } from './dispute-service.js';
import { DISPUTE_BOXES } from './dispute-views.js';
import { PARTY_KINDS, PARTY_ROLES } from './parties.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number) => Type.String({ maxLength: max });
const Day = DayString();
const Attachments = Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 }));

const PartyBody = Type.Object({
  role: literals(PARTY_ROLES),
  kind: literals(PARTY_KINDS),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  phone: Type.Optional(Nullable(Text(40))),
  idNumber: Type.Optional(Nullable(Text(30))),
  address: Type.Optional(Nullable(Text(300))),
  /** picked from the grid's base data: name, phone, ID number and address are taken from the record */
  gridRecordId: Type.Optional(Type.Integer({ minimum: 1 })),
});

const RegisterBody = Type.Object({
  typeCode: Type.String({ minLength: 1, maxLength: 40 }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Text(10000)),
  parties: Type.Array(PartyBody, { minItems: 2, maxItems: 50 }),
  amount: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
  peopleInvolved: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  threatOfViolence: Type.Optional(Type.Boolean()),
  threatOfPetition: Type.Optional(Type.Boolean()),
  riskLevel: Type.Optional(literals(RISK_LEVELS)),
  source: literals(DISPUTE_SOURCES.filter((s) => s !== 'citizen')),
  sourceRef: Type.Optional(Nullable(Text(200))),
  caseId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  placeOrgId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  address: Type.Optional(Nullable(Text(500))),
  attachmentIds: Attachments,
});

const ActionBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  action: Type.Object({
    type: literals(USER_DISPUTE_ACTIONS),
    note: Type.Optional(Text(5000)),
    reason: Type.Optional(Text(5000)),
    mediatorOrgId: Type.Optional(Type.Integer({ minimum: 1 })),
    mediatorName: Type.Optional(Text(100)),
    session: Type.Optional(
      Type.Object({
        at: Type.String({ format: 'date-time' }),
        place: Text(200),
        participants: Text(1000),
        notes: Text(5000),
      }),
    ),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    terms: Type.Optional(Text(10000)),
    performBy: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
    followUpDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    route: Type.Optional(literals(FAILURE_ROUTES)),
    performance: Type.Optional(literals(PERFORMANCE)),
    performed: Type.Optional(Type.Boolean()),
    court: Type.Optional(Text(200)),
  }),
});

const ApplyBody = Type.Object({
  typeCode: Type.String({ minLength: 1, maxLength: 40 }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Text(10000)),
  applicantName: Type.String({ minLength: 1, maxLength: 100 }),
  otherParty: Type.Object({
    kind: literals(PARTY_KINDS),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    phone: Type.Optional(Nullable(Text(40))),
    address: Type.Optional(Nullable(Text(300))),
  }),
  peopleInvolved: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  amount: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
  lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  gridId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  villageId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  address: Type.Optional(Nullable(Text(500))),
  attachmentIds: Attachments,
});

function citizenOf(principal: Principal): Principal {
  if (principal.role !== 'citizen') throw new AppError('CITIZEN_ONLY');
  return principal;
}

export const disputeRoutes =
  (deps: { disputes: DisputeService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { disputes } = deps;
    const tags = ['disputes'];

    app.get(
      '/disputes',
      {
        config: { permission: 'dispute.read' },
        schema: {
          tags,
          summary: '矛盾纠纷列表（矛调中心队列：按风险、时长、层级、类型筛选）',
          querystring: Type.Object({
            box: Type.Optional(literals(DISPUTE_BOXES)),
            state: Type.Optional(literals(DISPUTE_STATES)),
            riskLevel: Type.Optional(literals(RISK_LEVELS)),
            level: Type.Optional(literals(['village', 'town', 'county'] as const)),
            typeCode: Type.Optional(Text(40)),
            q: Type.Optional(Text(100)),
            minAgeDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
            caseId: Type.Optional(Type.Integer({ minimum: 1 })),
            sort: Type.Optional(literals(['risk', 'age', 'due'] as const)),
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          }),
        },
      },
      async (request) => disputes.list(principalOf(request), request.query),
    );

    app.get(
      '/disputes/inbox',
      { config: { permission: 'dispute.read' }, schema: { tags, summary: '本单位各类矛盾纠纷待办数量' } },
      async (request) => ({ boxes: await disputes.queries.inbox(principalOf(request)) }),
    );

    app.get(
      '/disputes/types',
      {
        config: {},
        schema: {
          tags,
          summary: '纠纷类型（可配置）',
          querystring: Type.Object({ all: Type.Optional(Type.Boolean()) }),
        },
      },
      async (request) => ({ items: await disputes.queries.types(request.query.all === true) }),
    );

    app.put(
      '/disputes/types/:code',
      {
        config: { permission: 'dispute.manage' },
        schema: {
          tags,
          summary: '新增或修改纠纷类型（名称、排序、停用）',
          params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
          body: Type.Object({
            name: Type.String({ minLength: 1, maxLength: 50 }),
            sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
            active: Type.Optional(Type.Boolean()),
          }),
        },
      },
      async (request) => disputes.saveType(request.params.code, request.body, principalOf(request)),
    );

    app.get(
      '/disputes/stats',
      {
        config: { permission: 'dispute.read' },
        schema: {
          tags,
          summary: '调解成功率、矛盾纠纷化解率（总体及按类型、层级、风险、调解组织）',
          querystring: Type.Object({ from: Day, to: Day }),
        },
      },
      async (request) => disputes.stats(principalOf(request), request.query),
    );

    app.get(
      '/disputes/major',
      {
        config: { permission: 'dispute.read' },
        schema: {
          tags,
          summary: '当月重大矛盾纠纷清单（当月登记的及此前未结的，供联席会议）',
          querystring: Type.Object({ month: MonthString() }),
        },
      },
      async (request) => ({ items: await disputes.queries.majorOfMonth(principalOf(request), request.query.month) }),
    );

    app.get(
      '/disputes/by-grid',
      { config: { permission: 'dispute.read' }, schema: { tags, summary: '各网格在办矛盾纠纷数（按风险等级）' } },
      async (request) => ({ items: await disputes.queries.openByGrid(principalOf(request)) }),
    );

    app.get(
      '/disputes/:id',
      {
        config: { permission: 'dispute.read' },
        schema: { tags, summary: '矛盾纠纷详情（当事人脱敏、调解记录、办理记录、可执行操作）', params: IdParams },
      },
      async (request) => disputes.get(request.params.id, principalOf(request)),
    );

    app.post(
      '/disputes',
      {
        config: { permission: 'dispute.register' },
        schema: { tags, summary: '登记矛盾纠纷（风险等级按规则判定，可调高不可调低）', body: RegisterBody },
      },
      async (request, reply) => reply.status(201).send(await disputes.register(request.body, principalOf(request))),
    );

    app.post(
      '/disputes/:id/actions',
      {
        config: { permission: 'dispute.handle' },
        schema: {
          tags,
          summary: '对矛盾纠纷执行一个操作（受理、指派、调解记录、协议、签署、调解不成、移交、回访 …）',
          params: IdParams,
          body: ActionBody,
        },
      },
      async (request) => disputes.act(request.params.id, request.body, principalOf(request)),
    );

    app.get(
      '/disputes/:id/parties',
      {
        config: { permission: 'pii.view' },
        schema: { tags, summary: '查看当事人完整信息（记入审计日志）', params: IdParams },
      },
      async (request) => disputes.queries.revealParties(request.params.id, principalOf(request), request.ip),
    );

    app.get(
      '/disputes/:id/agreement',
      {
        config: { permission: 'dispute.read' },
        schema: {
          tags,
          summary: '人民调解协议书（打印；format=pdf 下载 PDF；完整姓名仅限调解组织和有权查看个人信息者，记入审计）',
          params: IdParams,
          querystring: Type.Object({ format: Type.Optional(literals(['json', 'pdf'] as const)) }),
        },
      },
      async (request, reply) => {
        const agreement = await disputes.queries.agreement(request.params.id, principalOf(request), request.ip);
        if (request.query.format !== 'pdf') return agreement;
        return sendPdf(reply, `人民调解协议书-${agreement.number}.pdf`, await agreementPdf(agreement));
      },
    );

    app.post(
      '/disputes/:id/case',
      {
        config: { permission: 'dispute.handle' },
        schema: { tags, summary: '矛盾纠纷转为案件（走案件派遣流程，双方互相关联）', params: IdParams },
      },
      async (request, reply) => reply.status(201).send(await disputes.toCase(request.params.id, principalOf(request))),
    );

    // ── citizens: online mediation (在线调解) ──
    app.get(
      '/my/disputes',
      { config: {}, schema: { tags: ['citizen'], summary: '我申请的调解（群众）' } },
      async (request) => disputes.list(citizenOf(principalOf(request)), { box: 'all', pageSize: 100 }),
    );

    app.get(
      '/my/disputes/:id',
      { config: {}, schema: { tags: ['citizen'], summary: '我申请的一件调解（群众）', params: IdParams } },
      async (request) => disputes.get(request.params.id, citizenOf(principalOf(request))),
    );

    app.post(
      '/my/disputes',
      {
        config: {},
        schema: { tags: ['citizen'], summary: '群众在线申请调解（对方当事人、纠纷事由、地点、证据）', body: ApplyBody },
      },
      async (request, reply) =>
        reply.status(201).send(await disputes.apply(request.body, citizenOf(principalOf(request)))),
    );

    app.post(
      '/my/disputes/:id/actions',
      {
        config: {},
        schema: { tags: ['citizen'], summary: '群众确认调解协议履行情况', params: IdParams, body: ActionBody },
      },
      async (request) => {
        const principal = citizenOf(principalOf(request));
        if (request.body.action.type !== 'confirmPerformance') {
          throw new AppError('NOT_AUTHORISED_FOR_DISPUTE_ACTION', { details: { action: request.body.action.type } });
        }
        return disputes.act(request.params.id, request.body, principal);
      },
    );
  };
