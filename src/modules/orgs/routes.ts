import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../core/errors.js';
import type { OrgKind, Participant } from '../../db/schema.js';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams, Nullable, OrgKindSchema, Paging, ParticipantSchema } from '../../http/schemas.js';
import type { AppServices } from '../../services.js';
import { importTemplate, MAX_IMPORT_ROWS, readSheet } from './org-import.js';

const Geometry = Type.Object(
  { type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]), coordinates: Type.Array(Type.Any()) },
  { additionalProperties: true },
);

const OrgFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  subkind: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  households: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
  population: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
};

export const orgRoutes =
  (services: AppServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { orgs, orgImport } = services;

    app.get(
      '/orgs',
      {
        config: { permission: 'org.read' },
        schema: {
          tags: ['orgs'],
          summary: '组织机构列表（本级及下级，加县级部门目录）',
          querystring: Type.Object({
            kind: Type.Optional(OrgKindSchema),
            parentId: Type.Optional(Type.Integer()),
            q: Type.Optional(Type.String({ maxLength: 50 })),
            ...Paging,
          }),
        },
      },
      async (request) => {
        const q = request.query;
        return orgs.list(principalOf(request), {
          kind: q.kind as OrgKind | undefined,
          parentId: q.parentId,
          q: q.q,
          limit: q.limit ?? 50,
          offset: q.offset ?? 0,
        });
      },
    );

    app.get(
      '/orgs/tree',
      {
        config: { permission: 'org.read' },
        schema: {
          tags: ['orgs'],
          summary: '组织机构树',
          querystring: Type.Object({ includeGrids: Type.Optional(Type.Boolean({ default: false })) }),
        },
      },
      async (request) => orgs.tree(principalOf(request), request.query.includeGrids ?? false),
    );

    app.get(
      '/orgs/:id',
      { config: { permission: 'org.read' }, schema: { tags: ['orgs'], summary: '组织机构详情', params: IdParams } },
      async (request) => orgs.get(principalOf(request), request.params.id),
    );

    app.post(
      '/orgs',
      {
        config: { permission: 'org.manage' },
        schema: {
          tags: ['orgs'],
          summary: '新建组织机构',
          body: Type.Object({
            ...OrgFields,
            code: Type.String({ minLength: 1, maxLength: 40 }),
            kind: OrgKindSchema,
            participant: ParticipantSchema,
            parentId: Type.Integer({ minimum: 1 }),
            boundary: Type.Optional(Nullable(Geometry)),
          }),
        },
      },
      async (request, reply) => {
        const body = request.body;
        const org = await orgs.create(principalOf(request), {
          ...body,
          kind: body.kind as OrgKind,
          participant: body.participant as Participant,
          boundary: body.boundary as never,
        });
        return reply.status(201).send(org);
      },
    );

    app.patch(
      '/orgs/:id',
      {
        config: { permission: 'org.manage' },
        schema: {
          tags: ['orgs'],
          summary: '修改组织机构（需带 version，防止覆盖他人修改）',
          params: IdParams,
          body: Type.Object({
            version: Type.Integer({ minimum: 1 }),
            name: Type.Optional(OrgFields.name),
            subkind: OrgFields.subkind,
            participant: Type.Optional(ParticipantSchema),
            households: OrgFields.households,
            population: OrgFields.population,
            phone: OrgFields.phone,
            address: OrgFields.address,
            gridWorkerId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
            active: Type.Optional(Type.Boolean()),
            boundary: Type.Optional(Nullable(Geometry)),
          }),
        },
      },
      async (request) =>
        orgs.update(principalOf(request), request.params.id, {
          ...request.body,
          participant: request.body.participant as Participant | undefined,
          boundary: request.body.boundary as never,
        }),
    );

    app.get(
      '/grids/geojson',
      {
        config: { permission: 'org.read' },
        schema: {
          tags: ['orgs'],
          summary: '网格边界 GeoJSON',
          querystring: Type.Object({ withinId: Type.Optional(Type.Integer({ minimum: 1 })) }),
        },
      },
      async (request) => orgs.gridsGeoJson(principalOf(request), request.query.withinId),
    );

    app.get(
      '/locate',
      {
        schema: {
          tags: ['orgs'],
          summary: '坐标定位到网格、村社区、镇街',
          querystring: Type.Object({
            lat: Type.Number({ minimum: -90, maximum: 90 }),
            lng: Type.Number({ minimum: -180, maximum: 180 }),
          }),
        },
      },
      async (request) => orgs.locate(request.query.lat, request.query.lng),
    );

    app.get(
      '/orgs/import/template',
      { config: { permission: 'org.manage' }, schema: { tags: ['orgs'], summary: '下载组织机构导入模板（xlsx）' } },
      async (_request, reply) => {
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('组织机构导入模板.xlsx')}`);
        return reply.send(await importTemplate());
      },
    );

    app.post(
      '/orgs/import',
      {
        config: { permission: 'org.manage' },
        schema: {
          tags: ['orgs'],
          summary: `从 xlsx/csv 导入镇街、村社区、网格（最多 ${MAX_IMPORT_ROWS} 行；有错误则整份不导入）`,
          querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) }),
        },
      },
      async (request) => {
        const file = await request.file();
        if (!file) throw new AppError('IMPORT_INVALID', { message: '请上传文件（表单字段 file）' });
        const buffer = await file.toBuffer();
        const rows = await readSheet(buffer, file.filename);
        return orgImport.importOrgs(principalOf(request), rows, request.query.dryRun ?? false);
      },
    );

    app.post(
      '/grids/boundaries',
      {
        config: { permission: 'org.manage' },
        bodyLimit: 50 * 1024 * 1024,
        schema: {
          tags: ['orgs'],
          summary: '导入网格边界（GeoJSON FeatureCollection，properties.code 为网格编码）',
          body: Type.Object({ type: Type.String(), features: Type.Array(Type.Any()) }, { additionalProperties: true }),
        },
      },
      async (request) => orgImport.importBoundaries(principalOf(request), request.body),
    );
  };
