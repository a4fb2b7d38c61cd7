// HTTP routes of 突破项目 (/api/projects): the year's projects with their status, registering and editing a
// project, milestones, monthly progress, the year-end evaluation, and the evaluations per unit for assessment.
// The routes receive only the service they use.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { GRADES, PROJECT_STATUSES } from '../../domain/project/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams, Nullable } from '../../http/schemas.js';
import type { ProjectService } from './project-service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Version = Type.Integer({ minimum: 1 });

const Indicator = {
  name: Type.String({ maxLength: 200 }),
  unit: Type.String({ maxLength: 50 }),
  baseline: Type.Number(),
  target: Type.Number(),
};
const Milestone = Type.Object({
  title: Type.String({ maxLength: 500 }),
  dueDate: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
  ownerOrgId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
});

export const projectRoutes =
  (deps: { projects: ProjectService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { projects } = deps;

    app.get(
      '/projects',
      {
        config: { permission: 'project.read' },
        schema: {
          tags: ['projects'],
          summary: '某年度的突破项目及其状态（正常推进/存在风险/滞后，滞后的在前），可按单位、状态筛选',
          querystring: Type.Object({
            year: Type.Optional(Year),
            ownerOrgId: Type.Optional(Type.Integer({ minimum: 1 })),
            milestoneId: Type.Optional(Type.Integer({ minimum: 1, description: '里程碑所属的项目（不限年度）' })),
            status: Type.Optional(literals(PROJECT_STATUSES)),
            q: Type.Optional(Type.String({ maxLength: 100 })),
          }),
        },
      },
      async (request) => projects.list(principalOf(request), request.query),
    );

    app.get(
      '/projects/evaluations',
      {
        config: { permission: 'project.read' },
        schema: {
          tags: ['projects'],
          summary: '年终评价汇总（供督导考核使用）：各单位项目数、已评价数、平均得分',
          querystring: Type.Object({ year: Year }),
        },
      },
      async (request) => projects.evaluations(principalOf(request), request.query.year),
    );

    app.post(
      '/projects',
      {
        config: { permission: 'project.manage' },
        schema: {
          tags: ['projects'],
          summary: '申报突破项目：目标、指标（基线值、目标值）、里程碑（每个里程碑生成一项任务）',
          body: Type.Object({
            year: Year,
            ownerOrgId: Type.Optional(Type.Integer({ minimum: 1 })),
            name: Type.String({ maxLength: 500 }),
            goal: Type.String({ maxLength: 10000 }),
            indicators: Type.Optional(
              Type.Array(Type.Object({ ...Indicator, current: Type.Optional(Nullable(Type.Number())) }), {
                maxItems: 100,
              }),
            ),
            milestones: Type.Optional(Type.Array(Milestone, { maxItems: 100 })),
          }),
        },
      },
      async (request, reply) => reply.status(201).send(await projects.create(principalOf(request), request.body)),
    );

    app.get(
      '/projects/:id',
      {
        config: { permission: 'project.read' },
        schema: {
          tags: ['projects'],
          summary: '一个突破项目：状态及原因、指标、里程碑任务、月度进展、年终评价',
          params: IdParams,
        },
      },
      async (request) => projects.get(principalOf(request), request.params.id),
    );

    app.patch(
      '/projects/:id',
      {
        config: { permission: 'project.manage' },
        schema: {
          tags: ['projects'],
          summary: '修改项目名称、目标、指标（带 id 的修改，不带 id 的新增；带上读取时的 version）',
          params: IdParams,
          body: Type.Object({
            version: Version,
            name: Type.Optional(Type.String({ maxLength: 500 })),
            goal: Type.Optional(Type.String({ maxLength: 10000 })),
            indicators: Type.Optional(
              Type.Array(Type.Object({ ...Indicator, id: Type.Optional(Type.Integer({ minimum: 1 })) }), {
                maxItems: 100,
              }),
            ),
          }),
        },
      },
      async (request) => projects.edit(principalOf(request), request.params.id, request.body),
    );

    app.post(
      '/projects/:id/milestones',
      {
        config: { permission: 'project.manage' },
        schema: { tags: ['projects'], summary: '增加里程碑（同时生成任务）', params: IdParams, body: Milestone },
      },
      async (request, reply) =>
        reply.status(201).send(await projects.addMilestone(principalOf(request), request.params.id, request.body)),
    );

    app.post(
      '/projects/:id/reports',
      {
        config: { permission: 'project.manage' },
        schema: {
          tags: ['projects'],
          summary: '报送月度进展（每月一份，再次报送即修改；指标完成值与佐证材料）',
          params: IdParams,
          body: Type.Object({
            version: Version,
            month: Type.String({ maxLength: 7, description: 'YYYY-MM' }),
            text: Type.String({ maxLength: 20000 }),
            values: Type.Optional(
              Type.Array(Type.Object({ indicatorId: Type.Integer({ minimum: 1 }), value: Type.Number() }), {
                maxItems: 100,
              }),
            ),
            attachmentIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 })),
          }),
        },
      },
      async (request, reply) => {
        const b = request.body;
        const input = { ...b, values: b.values ?? [], attachmentIds: b.attachmentIds ?? [] };
        return reply.status(201).send(await projects.report(principalOf(request), request.params.id, input));
      },
    );

    app.put(
      '/projects/:id/evaluation',
      {
        config: { permission: 'project.evaluate' },
        schema: {
          tags: ['projects'],
          summary: '年终评价（县级；自项目年度 12 月 1 日起；得分 0–100，等次默认按得分）',
          params: IdParams,
          body: Type.Object({
            version: Version,
            score: Type.Number(),
            grade: Type.Optional(Nullable(literals(GRADES))),
            comment: Type.Optional(Nullable(Type.String({ maxLength: 10000 }))),
          }),
        },
      },
      async (request) => projects.evaluate(principalOf(request), request.params.id, request.body),
    );
  };
