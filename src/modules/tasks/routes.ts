// HTTP routes of the task capability (/api/tasks): the unit's lists and boxes, one task, assigning a task by
// hand (meetings, teams and projects assign theirs through the service), and the actions on a task.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { DB } from '../../db/schema.js';
import { DURATION_UNITS } from '../../domain/calendar/index.js';
import { TASK_SOURCES, TASK_STATES } from '../../domain/task/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams, Nullable } from '../../http/schemas.js';
import { assertCaseVisible } from '../cases/index.js';
import type { TaskService } from './task-service.js';
import { TASK_BOXES } from './task-views.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const CreateTaskBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  caseId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  ownerOrgId: Type.Integer({ minimum: 1 }),
  assistingOrgIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 30 })),
  dueAt: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Optional(
    Type.Object({ amount: Type.Number({ exclusiveMinimum: 0, maximum: 10000 }), unit: literals(DURATION_UNITS) }),
  ),
  attachmentIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
});

const ActionBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  action: Type.Object({
    type: literals(['sign', 'progress', 'complete', 'cancel', 'extend', 'urge'] as const),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    percent: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    attachmentIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
    result: Type.Optional(Type.String({ maxLength: 2000 })),
    evidenceIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    dueAt: Type.Optional(Type.String({ format: 'date-time' })),
  }),
});

export const taskRoutes =
  (deps: { tasks: TaskService; db: Kysely<DB> }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { tasks } = deps;

    app.get(
      '/tasks',
      {
        config: { permission: 'task.read' },
        schema: {
          tags: ['tasks'],
          summary: '任务列表（按待办分类、状态、来源筛选；逾期的排在最前）',
          querystring: Type.Object({
            box: Type.Optional(literals(TASK_BOXES)),
            state: Type.Optional(literals(TASK_STATES)),
            sourceKind: Type.Optional(literals(TASK_SOURCES)),
            sourceId: Type.Optional(Type.String({ maxLength: 100 })),
            q: Type.Optional(Type.String({ maxLength: 100 })),
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          }),
        },
      },
      async (request) => tasks.list(principalOf(request), request.query),
    );

    app.get(
      '/tasks/inbox',
      { config: { permission: 'task.read' }, schema: { tags: ['tasks'], summary: '本单位各类任务待办数量' } },
      async (request) => ({ boxes: await tasks.inbox(principalOf(request)) }),
    );

    app.get(
      '/tasks/:id',
      {
        config: { permission: 'task.read' },
        schema: { tags: ['tasks'], summary: '任务详情（办理记录、时限、可执行操作）', params: IdParams },
      },
      async (request) => tasks.get(request.params.id, principalOf(request)),
    );

    app.post(
      '/tasks',
      {
        config: { permission: 'task.assign' },
        schema: { tags: ['tasks'], summary: '交办任务（责任单位、协办单位、完成期限）', body: CreateTaskBody },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const { caseId, ...rest } = request.body;
        if (caseId != null) await assertCaseVisible(deps.db, caseId, principal);
        const created = await tasks.create(
          {
            ...rest,
            caseId: caseId ?? null,
            sourceKind: caseId != null ? 'case' : 'manual',
            sourceId: caseId != null ? String(caseId) : null,
          },
          principal,
        );
        return reply.status(201).send(await tasks.get(created.id, principal));
      },
    );

    app.post(
      '/tasks/:id/actions',
      {
        config: { permission: 'task.handle' },
        schema: {
          tags: ['tasks'],
          summary: '对任务执行一个操作（签收、报告进展、办结、取消、调整期限、催办）',
          params: IdParams,
          body: ActionBody,
        },
      },
      async (request) => tasks.act(request.params.id, request.body, principalOf(request)),
    );
  };
