// HTTP routes of 每月一题 · 未诉先办 (issue 19): the month's proposed problems of the county or a town, adoption as a
// governance topic with a lead unit and tasks, the topics and each one's before/after series, closing.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams } from '../../http/schemas.js';
import { MAX_TOPIC_TASKS } from './adopt-topic.js';
import type { TopicService } from './topic-service.js';

const Id = Type.Integer({ minimum: 1 });
const Month = Type.String({ maxLength: 7, description: '月份，如 2026-05' });
const tags = ['topics'];

export const topicRoutes =
  ({ topics }: { topics: TopicService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/topics/proposals',
      {
        config: { permission: 'topic.read' },
        schema: {
          tags,
          summary: '每月一题：本月高频、快速增长的问题（按文本与地点聚类），含趋势、地点、涉及单位和满意度',
          querystring: Type.Object({
            orgId: Type.Optional(Id),
            month: Type.Optional(Month),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
          }),
        },
      },
      async (request) => topics.proposals(principalOf(request), request.query),
    );

    app.post(
      '/topics',
      {
        config: { permission: 'topic.manage' },
        schema: {
          tags,
          summary: '采纳为议题：指定牵头单位，交办任务（责任单位、完成期限）',
          body: Type.Object({
            orgId: Id,
            month: Month,
            proposalKey: Type.String({ minLength: 1, maxLength: 100 }),
            title: Type.Optional(Type.String({ maxLength: 200 })),
            description: Type.Optional(Type.String({ maxLength: 2000 })),
            leadOrgId: Id,
            tasks: Type.Array(
              Type.Object({
                title: Type.String({ maxLength: 200 }),
                description: Type.Optional(Type.String({ maxLength: 2000 })),
                ownerOrgId: Id,
                dueAt: Type.String({ maxLength: 30, description: 'ISO 8601 日期或时间' }),
              }),
              { maxItems: MAX_TOPIC_TASKS },
            ),
          }),
        },
      },
      async (request, reply) => reply.code(201).send(await topics.adopt(principalOf(request), request.body)),
    );

    app.get(
      '/topics',
      {
        config: { permission: 'topic.read' },
        schema: {
          tags,
          summary: '治理议题列表（本辖区、本单位牵头或承办的）',
          querystring: Type.Object({
            state: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('closed')])),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          }),
        },
      },
      async (request) => topics.list(principalOf(request), request.query),
    );

    app.get(
      '/topics/:id',
      {
        config: { permission: 'topic.read' },
        schema: {
          tags,
          summary: '议题详情：采纳前后同类案件的月度数量、任务和记录',
          params: IdParams,
        },
      },
      async (request) => topics.get(principalOf(request), request.params.id),
    );

    app.post(
      '/topics/:id/close',
      {
        config: { permission: 'topic.manage' },
        schema: {
          tags,
          summary: '议题结项（填写结项说明）',
          params: IdParams,
          body: Type.Object({
            version: Type.Integer({ minimum: 1 }),
            note: Type.String({ maxLength: 2000 }),
          }),
        },
      },
      async (request) => topics.close(principalOf(request), request.params.id, request.body),
    );
  };
