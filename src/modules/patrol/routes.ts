// The grid worker's field routes: the patrol log, and "report what I found" (随手拍) from the spot.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../core/errors.js';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams, Paging } from '../../http/schemas.js';
import type { AppServices } from '../../services.js';
import { MAX_PATROL_PHOTOS, PatrolService, patrolGridOf } from './patrol-service.js';

// null first: with type coercion on, a union starting with number would turn null into 0 (a point at 0,0).
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([Type.Null(), schema]);

const PointBody = {
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  accuracyM: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100000 }))),
  note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  attachmentIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 })),
};

export const patrolRoutes =
  (services: AppServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const patrols = new PatrolService(services.db, services.clock, services.orgs);

    app.post(
      '/patrols',
      {
        config: { permission: 'patrol.record' },
        schema: { tags: ['patrols'], summary: '开始巡查（已有进行中的巡查时返回它）' },
      },
      async (request, reply) => {
        const { patrol, created } = await patrols.start(principalOf(request));
        return reply.status(created ? 201 : 200).send(patrol);
      },
    );

    app.get(
      '/patrols/current',
      {
        config: { permission: 'patrol.record' },
        schema: { tags: ['patrols'], summary: '我正在进行的巡查（没有时为 null）' },
      },
      async (request) => ({ patrol: await patrols.current(principalOf(request)) }),
    );

    app.get(
      '/patrols',
      {
        config: { permission: 'patrol.read' },
        schema: {
          tags: ['patrols'],
          summary: '巡查记录（网格员看自己的，村社区、镇街、县看辖区内的）',
          querystring: Type.Object({
            gridId: Type.Optional(Type.Integer({ minimum: 1 })),
            userId: Type.Optional(Type.Integer({ minimum: 1 })),
            open: Type.Optional(Type.Boolean()),
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
            ...Paging,
          }),
        },
      },
      async (request) => {
        const q = request.query;
        return patrols.list(principalOf(request), {
          gridId: q.gridId,
          userId: q.userId,
          open: q.open,
          from: q.from,
          to: q.to,
          limit: q.limit ?? 50,
          offset: q.offset ?? 0,
        });
      },
    );

    app.get(
      '/patrols/:id',
      {
        config: { permission: 'patrol.read' },
        schema: { tags: ['patrols'], summary: '一次巡查及其巡查点', params: IdParams },
      },
      async (request) => patrols.get(principalOf(request), request.params.id),
    );

    app.post(
      '/patrols/:id/points',
      {
        config: { permission: 'patrol.record' },
        schema: {
          tags: ['patrols'],
          summary: '记录巡查点（位置、备注、照片）',
          params: IdParams,
          body: Type.Object(PointBody),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await patrols.addPoint(principalOf(request), request.params.id, request.body)),
    );

    app.post(
      '/patrols/:id/end',
      {
        config: { permission: 'patrol.record' },
        schema: {
          tags: ['patrols'],
          summary: '结束巡查（可填写巡查小结）',
          params: IdParams,
          body: Type.Optional(Type.Object({ summary: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))) })),
        },
      },
      async (request) => patrols.end(principalOf(request), request.params.id, request.body?.summary),
    );

    app.post(
      '/patrols/findings',
      {
        config: { permission: 'patrol.record' },
        schema: {
          tags: ['patrols'],
          summary: '随手拍：网格员上报巡查中发现的问题（生成本网格的案件）',
          body: Type.Object({
            clientToken: Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
            body: Type.String({ maxLength: 20000 }),
            categoryId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
            lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
            lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
            address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
            attachmentIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 })),
            patrolId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
          }),
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const gridId = patrolGridOf(principal);
        const input = request.body;
        if ((input.attachmentIds?.length ?? 0) > MAX_PATROL_PHOTOS) {
          throw new AppError('VALIDATION_FAILED', {
            message: `最多上传 ${MAX_PATROL_PHOTOS} 张照片`,
            details: { field: 'attachmentIds' },
          });
        }
        const foreign = await services.attachments.notOwnedBy(principal, input.attachmentIds ?? []);
        if (foreign.length > 0) {
          throw new AppError('VALIDATION_FAILED', {
            message: `有 ${foreign.length} 张照片不存在或不是您上传的，请删除后重新添加`,
            details: { field: 'attachmentIds', ids: foreign },
          });
        }
        const hasPoint = input.lat != null && input.lng != null;
        if (hasPoint) {
          // Checked here so a point outside the county is a 400 the worker can fix, not a missing grid.
          try {
            await services.orgs.locate(input.lat as number, input.lng as number);
          } catch (error) {
            if (error instanceof AppError && error.code === 'OUTSIDE_COUNTY') {
              throw new AppError('LOCATION_OUTSIDE_COUNTY', { details: { field: 'location' } });
            }
            throw error;
          }
        }
        const result = await services.cases.create(
          {
            channel: 'grid_patrol',
            body: input.body,
            categoryId: input.categoryId ?? null,
            gridId,
            ...(hasPoint ? { lat: input.lat, lng: input.lng } : {}),
            address: input.address ?? null,
            reporter: { name: principal.displayName, anonymous: false },
            attachmentIds: input.attachmentIds ?? [],
            clientToken: `patrol:${principal.userId}:${input.clientToken}`,
          },
          principal,
        );
        const { created } = result;
        const found =
          result.case ??
          (await services.db
            .selectFrom('cases')
            .select(['id', 'number', 'title', 'status as state'])
            .where('id', '=', result.id)
            .executeTakeFirstOrThrow());
        if (created && input.patrolId && hasPoint) {
          // The finding is also a point of the open patrol; a patrol ended meanwhile keeps the case anyway.
          await patrols
            .addPoint(principal, input.patrolId, {
              lat: input.lat as number,
              lng: input.lng as number,
              note: `随手拍：${found.title}`,
              attachmentIds: input.attachmentIds ?? [],
              caseId: found.id,
            })
            .catch((error: unknown) => {
              if (!(error instanceof AppError)) throw error;
            });
        }
        return reply
          .status(created ? 201 : 200)
          .send({ id: found.id, number: found.number, state: found.state, created });
      },
    );
  };
