// HTTP routes of the small-power list (/api/powers): the county template, each village's list with the
// procedures as flowcharts, exercises recorded step by step, the town's view of missing and late steps;
// /api/public/powers/villages/:id the village's public page (no sign-in).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EXERCISE_STATES, MAX_PROCEDURE_STEPS, POWER_ACTORS, STEP_OUTCOMES } from '../../domain/power/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { DayString, IdParams, Nullable } from '../../http/schemas.js';
import type { PowerService } from './power-service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Day = DayString({ description: 'YYYY-MM-DD' });
const Version = Type.Integer({ minimum: 1 });
const tags = ['powers'];

const StepSchema = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 40 }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  actor: literals(POWER_ACTORS),
  documents: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 }),
  publicityDays: Nullable(Type.Integer({ minimum: 1, maximum: 60 })),
  limitDays: Nullable(Type.Integer({ minimum: 1, maximum: 90 })),
  optional: Type.Boolean(),
  canReject: Type.Boolean(),
  description: Type.Optional(Type.String({ maxLength: 500 })),
});
const ItemFields = {
  category: Type.String({ minLength: 1, maxLength: 50 }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  legalBasis: Type.Optional(Type.String({ maxLength: 2000 })),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  steps: Type.Array(StepSchema, { minItems: 1, maxItems: MAX_PROCEDURE_STEPS }),
  active: Type.Optional(Type.Boolean()),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
};
const ItemBody = Type.Object(ItemFields);

export const powerRoutes =
  (deps: { powers: PowerService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { powers } = deps;
    const read = { permission: 'power.read' as const };
    const manage = { permission: 'power.manage' as const };

    // ── the list of powers ──
    app.get(
      '/powers/template',
      { config: read, schema: { tags, summary: '县级小微权力清单模板' } },
      async (request) => ({
        items: await powers.template(principalOf(request)),
      }),
    );
    app.post(
      '/powers/template/items',
      { config: manage, schema: { tags, summary: '县级模板新增权力事项（县平台）', body: ItemBody } },
      async (request, reply) =>
        reply.status(201).send({ id: await powers.createItem(principalOf(request), null, request.body) }),
    );
    app.get(
      '/powers/villages',
      { config: read, schema: { tags, summary: '可查看的村社区及其权力事项、运行记录、缺失或超时数' } },
      async (request) => ({ items: await powers.villages(principalOf(request)) }),
    );
    app.get(
      '/powers/villages/:id/items',
      { config: read, schema: { tags, summary: '村社区的小微权力清单（含流程）', params: IdParams } },
      async (request) => ({ items: await powers.villageItems(principalOf(request), request.params.id) }),
    );
    app.post(
      '/powers/villages/:id/items',
      { config: manage, schema: { tags, summary: '本村新增权力事项', params: IdParams, body: ItemBody } },
      async (request, reply) =>
        reply.status(201).send({ id: await powers.createItem(principalOf(request), request.params.id, request.body) }),
    );
    app.post(
      '/powers/villages/:id/adopt-template',
      { config: manage, schema: { tags, summary: '采用县级模板（复制本村尚未采用的事项）', params: IdParams } },
      async (request) => powers.adoptTemplate(principalOf(request), request.params.id),
    );
    app.patch(
      '/powers/items/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改权力事项（法律依据、流程、停用）；县级模板由县平台修改',
          params: IdParams,
          body: Type.Object({ ...Type.Partial(ItemBody).properties, version: Version }),
        },
      },
      async (request) => {
        await powers.updateItem(principalOf(request), request.params.id, request.body);
        return { ok: true };
      },
    );
    app.post(
      '/powers/items/:id/sync-template',
      {
        config: manage,
        schema: {
          tags,
          summary: '本村事项同步为县级模板的最新版本',
          params: IdParams,
          body: Type.Object({ version: Version }),
        },
      },
      async (request) => {
        await powers.syncFromTemplate(principalOf(request), request.params.id, request.body.version);
        return { ok: true };
      },
    );

    // ── exercises ──
    app.get(
      '/powers/exercises',
      {
        config: read,
        schema: {
          tags,
          summary: '权力运行记录（各步骤完成、超时、缺失情况）',
          querystring: Type.Object({
            villageId: Type.Optional(Type.Integer({ minimum: 1 })),
            itemId: Type.Optional(Type.Integer({ minimum: 1 })),
            state: Type.Optional(literals(EXERCISE_STATES)),
            flagged: Type.Optional(Type.Boolean({ description: '只看有缺失或超时步骤的' })),
          }),
        },
      },
      async (request) => powers.exercises(principalOf(request), request.query),
    );
    app.post(
      '/powers/exercises',
      {
        config: manage,
        schema: {
          tags,
          summary: '启动一次权力运行（按本村事项的流程逐步记录）',
          body: Type.Object({
            itemId: Type.Integer({ minimum: 1 }),
            title: Type.String({ minLength: 1, maxLength: 200 }),
            subject: Type.Optional(Type.String({ maxLength: 500 })),
            amount: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
            startedOn: Type.Optional(Day),
          }),
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const { id } = await powers.start(principal, request.body);
        return reply.status(201).send(await powers.exercise(principal, id));
      },
    );
    app.get(
      '/powers/exercises/:id',
      { config: read, schema: { tags, summary: '权力运行详情（步骤时间线、下一步、历史）', params: IdParams } },
      async (request) => powers.exercise(principalOf(request), request.params.id),
    );
    app.post(
      '/powers/exercises/:id/steps',
      {
        config: manage,
        schema: {
          tags,
          summary: '记录下一步（须按流程顺序；公示期满后方可办理下一步）',
          params: IdParams,
          body: Type.Object({
            version: Version,
            stepKey: Type.String({ minLength: 1, maxLength: 40 }),
            outcome: Type.Optional(literals(STEP_OUTCOMES)),
            doneOn: Day,
            publicityTo: Type.Optional(Nullable(Day)),
            approvedBy: Type.Optional(Type.String({ maxLength: 200 })),
            documents: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
            attachmentIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 9 })),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          }),
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        await powers.recordStep(principal, request.params.id, request.body);
        return reply.status(201).send(await powers.exercise(principal, request.params.id));
      },
    );

    // ── the village's public page ──
    app.get(
      '/public/powers/villages/:id',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '村社区小微权力清单公开页（无需登录；流程与运行步骤，不含个人信息）',
          params: IdParams,
        },
      },
      async (request) => powers.publicPage(request.params.id),
    );
  };
