// Citizen-facing routes: the one-tap report, and the public grid map and QR landing data the form uses.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams } from '../../http/schemas.js';
import type { AppServices } from '../../services.js';
import { CitizenService } from './citizen-service.js';

// null first: with type coercion on, a union starting with number would turn null into 0 (a point at 0,0).
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([Type.Null(), schema]);

export const citizenRoutes =
  (services: AppServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const citizen = new CitizenService(services.db, services.orgs, services.cases, services.attachments);

    app.post(
      '/citizen/reports',
      {
        config: { permission: 'case.create' },
        schema: {
          tags: ['citizen'],
          summary: '群众一键反映（同一 clientToken 重复提交只生成一件）',
          description:
            '群众登录（手机号验证码）后提交。位置三选一：lat/lng（定位或地图选点）、gridId（码上办二维码）、address（可带 villageId）。照片先逐张上传到 /api/attachments，再把 id 放进 attachmentIds（最多 9 张）。',
          body: Type.Object({
            clientToken: Type.String({ maxLength: 100 }),
            body: Type.String({ maxLength: 20000 }),
            categoryId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
            lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
            lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
            gridId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
            villageId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
            address: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
            anonymous: Type.Optional(Type.Boolean()),
            name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
            phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
            attachmentIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 })),
          }),
        },
      },
      async (request, reply) => {
        const result = await citizen.report(principalOf(request), request.body);
        return reply.status(result.created ? 201 : 200).send(result);
      },
    );

    app.get(
      '/citizen/grids',
      {
        schema: {
          tags: ['citizen'],
          summary: '网格地图（供群众选点：边界与名称，不含人员信息）',
        },
      },
      async () => citizen.gridMap(),
    );

    app.get(
      '/citizen/grids/:id',
      {
        config: { public: true },
        schema: { tags: ['citizen'], summary: '码上办：二维码对应的网格（名称、所属村社区和镇街）', params: IdParams },
      },
      async (request) => citizen.grid(request.params.id),
    );
  };
