// HTTP routes of the psychological-referral capability (/api/psych): the list with its boxes, one referral, making
// a referral, the counselling organisation's actions, the person revealed, the directory of counselling
// organisations. A caller with no relation to a referral gets 404 PSYCH_REFERRAL_NOT_FOUND.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  PSYCH_ACTION_TYPES,
  PSYCH_OUTCOMES,
  PSYCH_RISKS,
  PSYCH_SOURCES,
  SESSION_FORMS,
} from '../../domain/psych/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams, Nullable } from '../../http/schemas.js';
import type { PsychService } from './psych-service.js';
import { PSYCH_BOXES } from './psych-views.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number) => Type.String({ maxLength: max });

const ReferBody = Type.Object({
  risk: literals(PSYCH_RISKS),
  consent: Type.Boolean(),
  counsellingOrgId: Type.Integer({ minimum: 1 }),
  source: literals(PSYCH_SOURCES),
  caseId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  disputeId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  placeOrgId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  personName: Type.Optional(Nullable(Text(100))),
  personPhone: Type.Optional(Nullable(Text(40))),
  personIdNumber: Type.Optional(Nullable(Text(30))),
  concern: Type.Optional(Nullable(Text(5000))),
});

const ActionBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  action: Type.Object({
    type: literals(PSYCH_ACTION_TYPES),
    note: Type.Optional(Text(5000)),
    reason: Type.Optional(Text(5000)),
    session: Type.Optional(
      Type.Object({
        at: Type.String({ format: 'date-time' }),
        durationMinutes: Type.Integer({ minimum: 1, maximum: 480 }),
        form: literals(SESSION_FORMS),
        notes: Text(5000),
        nextStep: Type.Optional(Text(1000)),
      }),
    ),
    at: Type.Optional(Type.String({ format: 'date-time' })),
    notes: Type.Optional(Text(5000)),
    outcome: Type.Optional(literals(PSYCH_OUTCOMES)),
  }),
});

export const psychRoutes =
  (deps: { psych: PsychService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { psych } = deps;
    const tags = ['psych'];

    app.get(
      '/psych/referrals',
      {
        config: { permission: 'psych.read' },
        schema: {
          tags,
          summary: '心理服务转介列表（转介单位仅见状态；心理服务机构见脱敏内容，记入审计）',
          querystring: Type.Object({
            box: Type.Optional(literals(PSYCH_BOXES)),
            risk: Type.Optional(literals(PSYCH_RISKS)),
            caseId: Type.Optional(Type.Integer({ minimum: 1 })),
            disputeId: Type.Optional(Type.Integer({ minimum: 1 })),
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          }),
        },
      },
      async (request) => psych.list(principalOf(request), request.query, request.ip),
    );

    app.get(
      '/psych/counselling-orgs',
      { config: { permission: 'psych.refer' }, schema: { tags, summary: '心理服务机构名录（转介对象）' } },
      async (request) => ({ items: await psych.queries.counsellingOrgs(principalOf(request)) }),
    );

    app.get(
      '/psych/referrals/:id',
      {
        config: { permission: 'psych.read' },
        schema: {
          tags,
          summary: '心理服务转介详情（转介单位仅见状态；内容仅限心理服务机构；每次查看记入审计）',
          params: IdParams,
        },
      },
      async (request) => psych.get(request.params.id, principalOf(request), request.ip),
    );

    app.post(
      '/psych/referrals',
      {
        config: { permission: 'psych.refer' },
        schema: {
          tags,
          summary: '转介心理服务（未经当事人同意只保留“需关注”标记；危机转介立即通知镇街平台和县卫健局）',
          body: ReferBody,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await psych.refer(request.body, principalOf(request), request.ip)),
    );

    app.post(
      '/psych/referrals/:id/actions',
      {
        config: { permission: 'psych.content' },
        schema: {
          tags,
          summary: '心理服务机构对转介执行一个操作（接收、退回、不予接收、咨询记录、随访、结案）',
          params: IdParams,
          body: ActionBody,
        },
      },
      async (request) => psych.act(request.params.id, request.body, principalOf(request), request.ip),
    );

    app.get(
      '/psych/referrals/:id/person',
      {
        config: { permission: 'psych.content' },
        schema: { tags, summary: '查看当事人完整信息（仅限心理服务机构，记入审计）', params: IdParams },
      },
      async (request) => psych.queries.revealPerson(request.params.id, principalOf(request), request.ip),
    );
  };
