// Administration of time limits and routing rules (时限设置, 派遣规则).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams, Nullable } from '../../http/schemas.js';
import type { AppServices } from '../../services.js';
import { TIME_LIMIT_STAGES, TIME_LIMIT_UNITS } from './rules-service.js';

const Unit = Type.Union(TIME_LIMIT_UNITS.map((u) => Type.Literal(u)));
const Limit = { amount: Type.Number(), unit: Unit, warnShare: Type.Number() };

export const caseRulesRoutes =
  (services: AppServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const rules = services.caseRules;
    const tags = ['case rules'];
    app.get('/time-limits', { config: { permission: 'case.read' }, schema: { tags, summary: '时限规则' } }, async () =>
      rules.timeLimits(),
    );
    app.post(
      '/time-limits',
      {
        config: { permission: 'timelimit.manage' },
        schema: {
          tags,
          summary: '新增时限规则（环节 × 分类 × 紧急程度）',
          body: Type.Object({
            stage: Type.Union(TIME_LIMIT_STAGES.map((s) => Type.Literal(s))),
            categoryId: Type.Optional(Nullable(Type.Integer())),
            urgency: Type.Optional(Nullable(Type.Union([Type.Literal('normal'), Type.Literal('urgent')]))),
            ...Limit,
          }),
        },
      },
      async (request, reply) => reply.status(201).send(await rules.createTimeLimit(principalOf(request), request.body)),
    );
    app.put(
      '/time-limits/:id',
      {
        config: { permission: 'timelimit.manage' },
        schema: { tags, summary: '修改时限规则', params: IdParams, body: Type.Object(Limit) },
      },
      async (request) => rules.updateTimeLimit(principalOf(request), request.params.id, request.body),
    );
    app.delete(
      '/time-limits/:id',
      { config: { permission: 'timelimit.manage' }, schema: { tags, summary: '删除时限规则', params: IdParams } },
      async (request) => rules.deleteTimeLimit(principalOf(request), request.params.id),
    );
    app.get(
      '/office-hours',
      {
        config: { permission: 'case.read' },
        schema: { tags, summary: '工作日上班时段（按工作小时计的时限只计这些时间）' },
      },
      async () => rules.officeHours(),
    );
    app.put(
      '/office-hours',
      {
        config: { permission: 'timelimit.manage' },
        schema: {
          tags,
          summary: '修改工作日上班时段',
          body: Type.Object({
            periods: Type.Array(
              Type.Object({ start: Type.String({ maxLength: 5 }), end: Type.String({ maxLength: 5 }) }),
              {
                maxItems: 10,
              },
            ),
          }),
        },
      },
      async (request) => rules.setOfficeHours(principalOf(request), request.body.periods),
    );
    app.get(
      '/routing-rules',
      { config: { permission: 'case.read' }, schema: { tags, summary: '派遣规则' } },
      async () => rules.routingRules(),
    );
    app.post(
      '/routing-rules',
      {
        config: { permission: 'timelimit.manage' },
        schema: {
          tags,
          summary: '新增派遣规则（分类 → 承办单位，可按镇街）',
          body: Type.Object({
            categoryId: Type.Integer(),
            townId: Type.Optional(Nullable(Type.Integer())),
            orgId: Type.Integer(),
          }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await rules.createRoutingRule(principalOf(request), request.body)),
    );
    app.delete(
      '/routing-rules/:id',
      { config: { permission: 'timelimit.manage' }, schema: { tags, summary: '删除派遣规则', params: IdParams } },
      async (request) => rules.deleteRoutingRule(principalOf(request), request.params.id),
    );
  };
