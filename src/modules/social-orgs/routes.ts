// HTTP routes of the social-organisation registry (/api/social-orgs): the registry and one entry (support,
// projects, teams, assigned cases, history); registering and editing, incubation stages and support,
// purchased-service projects (deliverables become tasks) and their evaluation.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  INCUBATION_STAGES,
  SOCIAL_ORG_RATINGS,
  SOCIAL_ORG_TYPES,
  SUPPORT_KINDS,
} from '../../domain/social-org/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { DayString, IdParams, Nullable } from '../../http/schemas.js';
import type { SocialOrgService } from './social-org-service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const tags = ['social-orgs'];
const Id = Type.Integer({ minimum: 1 });
const Day = DayString({ description: 'YYYY-MM-DD' });
const Fields = {
  name: Type.String({ maxLength: 200 }),
  type: literals(SOCIAL_ORG_TYPES),
  registrationNo: Type.String({ maxLength: 40 }),
  field: Type.String({ maxLength: 100 }),
  contactName: Type.String({ maxLength: 60 }),
  contactPhone: Type.String({ maxLength: 40 }),
  rating: literals(SOCIAL_ORG_RATINGS),
  intro: Type.Optional(Type.String({ maxLength: 2000 })),
  ownerOrgId: Type.Optional(Id),
  orgId: Type.Optional(Nullable(Id)),
};

export const socialOrgRoutes =
  (deps: { socialOrgs: SocialOrgService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { socialOrgs } = deps;
    const read = { permission: 'socialorg.read' as const };
    const manage = { permission: 'socialorg.manage' as const };

    app.get(
      '/social-orgs',
      {
        config: read,
        schema: {
          tags,
          summary: '社会组织名录（本辖区主管的；类型、登记证号、领域、联系人、评级、孵化阶段）',
          querystring: Type.Object({
            stage: Type.Optional(literals(INCUBATION_STAGES)),
            q: Type.Optional(Type.String({ maxLength: 50 })),
          }),
        },
      },
      async (request) => socialOrgs.list(principalOf(request), request.query),
    );
    app.post(
      '/social-orgs',
      {
        config: manage,
        schema: {
          tags,
          summary: '社会组织登记入库',
          body: Type.Object({ ...Fields, stage: Type.Optional(literals(INCUBATION_STAGES)) }),
        },
      },
      async (request, reply) => reply.status(201).send(await socialOrgs.create(principalOf(request), request.body)),
    );
    app.get(
      '/social-orgs/:id',
      {
        config: read,
        schema: { tags, summary: '社会组织详情（扶持、购买服务项目、服务队、承办案件、历史）', params: IdParams },
      },
      async (request) => socialOrgs.get(principalOf(request), request.params.id),
    );
    app.put(
      '/social-orgs/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改登记信息',
          params: IdParams,
          body: Type.Object({ ...Fields, version: Type.Integer({ minimum: 1 }) }),
        },
      },
      async (request) => socialOrgs.update(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/social-orgs/:id/stage',
      {
        config: manage,
        schema: {
          tags,
          summary: '进入下一孵化阶段（孵化 → 培育 → 成熟）',
          params: IdParams,
          body: Type.Object({
            stage: literals(INCUBATION_STAGES),
            version: Type.Integer({ minimum: 1 }),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          }),
        },
      },
      async (request) => socialOrgs.advance(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/social-orgs/:id/supports',
      {
        config: manage,
        schema: {
          tags,
          summary: '记录孵化扶持（场地、资金、培训、指导）',
          params: IdParams,
          body: Type.Object({
            kind: literals(SUPPORT_KINDS),
            description: Type.String({ maxLength: 1000 }),
            amount: Type.Optional(Nullable(Type.Number())),
            givenOn: Day,
          }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await socialOrgs.support(principalOf(request), request.params.id, request.body)),
    );
    app.post(
      '/social-orgs/:id/projects',
      {
        config: manage,
        schema: {
          tags,
          summary: '政府购买服务项目（合同、预算、服务期、交付成果；交付成果生成购买单位的任务）',
          params: IdParams,
          body: Type.Object({
            name: Type.String({ maxLength: 200 }),
            contractNo: Type.String({ maxLength: 100 }),
            budget: Type.Number(),
            startsOn: Day,
            endsOn: Day,
            purchaserOrgId: Type.Optional(Id),
            deliverables: Type.Array(Type.Object({ title: Type.String({ maxLength: 200 }), dueDate: Day }), {
              maxItems: 50,
            }),
          }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await socialOrgs.createProject(principalOf(request), request.params.id, request.body)),
    );
    app.post(
      '/social-orgs/projects/:id/evaluation',
      {
        config: manage,
        schema: {
          tags,
          summary: '项目评估（得分 0–100，等次：优秀/良好/合格/不合格）',
          params: IdParams,
          body: Type.Object({
            score: Type.Integer(),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
            version: Type.Integer({ minimum: 1 }),
          }),
        },
      },
      async (request) => {
        await socialOrgs.evaluate(principalOf(request), request.params.id, request.body);
        return { evaluated: true };
      },
    );
  };
